"""A client's history as a person reads it: the regulation's labels, values as written, local time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from engine import i18n
from engine.cli.render import card_value, rule_words, when
from engine.conditions.words import Speaker
from engine.model.labels import Thing, label
from engine.model.regulation import Regulation

Row = dict[str, Any]


class HistoryText:
    """Says each history row in one line (or a few) in one language."""

    def __init__(self, reg: Regulation, lang: str) -> None:
        self.reg = reg
        self.lang = lang
        self.speak = Speaker(reg, lang)
        self.zone = ZoneInfo(reg.timezone)
        self.kinds: dict[str, Callable[[Row], str]] = {
            "created": self._created,
            "card": self._card,
            "transition": self._transition,
            "contact": self._contact,
            "refusal": self._refusal,
            "segment": self._segment,
            "task": self._task,
            "owner": self._owner,
            "imported": self._imported,
            "import": self._import,
            "migrated": self._migrated,
        }

    def render(self, rows: list[Row]) -> str:
        """One line a row, the moments padded to one width so the actors stand in a column."""
        said = [self.parts(row) for row in rows]
        width = max((len(at) for at, _ in said), default=0)
        return "\n".join(f"{at:<{width}}  {rest}" for at, rest in said) or self.t("empty")

    def line(self, row: Row) -> str:
        return "  ".join(self.parts(row))

    def parts(self, row: Row) -> tuple[str, str]:
        """The moment, then the actor and what happened."""
        at = when(datetime.fromisoformat(row["at"]), self.reg, self.lang)
        say = self.kinds.get(row["kind"])
        what = say(row) if say else f"{row['kind']}: {row['data']}"
        return at, f"{row['actor']:<12} {what}"

    def t(self, key: str, **args: object) -> str:
        return i18n.tr(f"cli.history.{key}", self.lang, **args)

    def stage(self, stage_id: str | None) -> str:
        stage = self.reg.funnel.stage(stage_id or "")
        return stage.label.get(self.lang) if stage else str(stage_id)

    def _step(self, data: dict[str, Any]) -> str:
        step = data.get("next_step")
        if not step:
            return ""
        due = self._date(step["due_date"])
        if step.get("due_time"):
            due += f" {step['due_time']}"
        return "; " + self.t("next_step", action=step["action"], due=due)

    def _date(self, value: str | None) -> str:
        return i18n.day(date.fromisoformat(value), self.lang) if value else "—"

    def _fields(self, card: dict[str, Any]) -> str:
        return "; ".join(f"{self.speak.label(k)}: {self._value(k, v)}" for k, v in card.items())

    def _value(self, name: str, value: object) -> str:
        return card_value(self.speak, name, value)

    def _created(self, row: Row) -> str:
        card = row["data"].get("card") or {}
        return self.t("created", stage=self.stage(row["to_stage"])) + (
            f": {self._fields(card)}" if card else ""
        )

    def _imported(self, row: Row) -> str:
        where = self.t("from_file", file=row["data"].get("file", ""), row=row["data"].get("row", ""))
        return self._created(row) + f" ({where})"

    def _import(self, row: Row) -> str:
        data = row["data"]
        said = [self.t("from_file", file=data.get("file", ""), row=data.get("row", ""))]
        if row["to_stage"]:
            said.append(
                self.t("placed", source=self.stage(row["from_stage"]), dest=self.stage(row["to_stage"]))
            )
        if data.get("changes"):
            said.append(self._card(row))
        if data.get("owner"):
            said.append(self.t("owner", old=data["owner"][0] or "—", new=data["owner"][1]))
        return "; ".join(said) + self._step(data)

    def _card(self, row: Row) -> str:
        changes = row["data"].get("changes") or {}
        said = [
            f"{self.speak.label(k)}: {self._value(k, old)} → {self._value(k, new)}"
            for k, (old, new) in changes.items()
        ]
        return self.t("card") + ": " + "; ".join(said)

    def _transition(self, row: Row) -> str:
        found = [t for t in self.reg.funnel.transitions if t.trigger == row["trigger"]]
        exact = [t for t in found if t.dest == row["to_stage"]] or found
        said = exact[0].label.get(self.lang) if exact else row["trigger"]
        text = self.t(
            "transition", label=said, source=self.stage(row["from_stage"]), dest=self.stage(row["to_stage"])
        )
        reason = row["data"].get("reason")
        if reason:
            text += "; " + self.t("reason", reason=self._reason(reason))
        return text + self._step(row["data"])

    def _contact(self, row: Row) -> str:
        data = row["data"]
        kind = self.reg.contact_kind(data.get("kind") or "")
        result = self.reg.contact_result(data.get("result") or "")
        text = self.t(
            "contact",
            kind=kind.label.get(self.lang) if kind else data.get("kind"),
            result=result.label.get(self.lang) if result else data.get("result"),
        )
        if data.get("comment"):
            text += f" — «{data['comment']}»"
        return text + self._step(data)

    def _reason(self, reason_id: str) -> str:
        reason = self.reg.funnel.reason(reason_id)
        return reason.label.get(self.lang) if reason else reason_id

    def _refusal(self, row: Row) -> str:
        return self.t("refusal", reason=self._reason(row["data"].get("reason") or ""))

    def _segment(self, row: Row) -> str:
        data = row["data"]
        return self.t("segment", old=data.get("from") or "—", new=data.get("to") or "—")

    def _owner(self, row: Row) -> str:
        data = row["data"]
        said = self.t("owner", old=data.get("from") or "—", new=data.get("to") or "—")
        if data.get("rule"):  # an automatic assignment: the rule that caused it
            rule = rule_words(self.reg, data["rule"], self.lang)
            role = label(self.reg, Thing.ROLE, data.get("role"), self.lang)
            said += "; " + i18n.tr("cli.ownership.by_rule", self.lang, rule=rule, role=role)
        if data.get("note"):
            said += "; " + i18n.tr("cli.ownership.note", self.lang, note=data["note"])
        return said

    def _migrated(self, row: Row) -> str:
        data = row["data"]
        versions = {"old": data.get("from_version") or "—", "new": data.get("to_version") or "—"}
        if data.get("stage"):
            old, new = data["stage"]
            return self.t("migrated_stage", was=old, now=self.stage(new), **versions)
        old, new = data.get("field") or ("—", "—")
        return self.t("migrated_field", was=old, now=new, **versions)

    def _task(self, row: Row) -> str:
        data = row["data"]
        due = self._date(data.get("due_date"))
        return self.t("task", action=data.get("action", ""), due=due)
