"""The call list as a manager reads it at 80 columns: two lines per client (#14 point 4).

Line one: the place, a colour mark, the name and number, the phone to dial on the right. Line
two: why the client is here, in the bucket's words, and the stage. An empty list says why
(no clients, a day off, after hours, nobody due) and when the next calls are due.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine import i18n

if TYPE_CHECKING:  # the queue (numpy) is loaded by the command that lists calls; phonenumbers and
    # Rich by the call that shows one, so --help loads neither (#18)
    from rich.text import Text

    from engine.queue import Queue, QueueRow
    from engine.queue.empty import Quiet

WIDTH = 80
MARK = "●"
INDENT = 6


def dialled(phone: str | None) -> str:
    """A stored phone (E.164) as people dial it: «+7 912 345-67-89»."""
    if not phone:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, "RU")
    except phonenumbers.NumberParseException:
        return phone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with «…» when longer."""
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + "…"


def row_lines(row: QueueRow, width: int = WIDTH) -> Text:
    """One client in two lines of at most ``width`` characters."""
    from rich.text import Text

    phone = dialled(row.phone)
    head = f"{row.position:>3} "
    room = width - len(head) - 2 - (len(phone) + 2 if phone else 0)
    name = fit(f"{row.name} · #{row.client_id}", room)
    first = Text(head)
    first.append(MARK, style=row.color)
    first.append(f" {name}")
    if phone:
        first.append(" " * (width - len(first.plain) - len(phone)) + phone, style="bold")
    why = f"{row.reason} · {row.stage_label}"
    if len(why) > width - INDENT:
        why = row.reason
    second = Text(" " * INDENT + fit(why, width - INDENT))
    return Text("\n").join([first, second])


def title(queue: Queue, manager: str | None, lang: str) -> str:
    return i18n.tr(
        "shown.calls_title",
        lang,
        manager=manager or i18n.tr("calls.everyone", lang),
        at=i18n.moment(queue.at, lang),
        n=queue.total,
    )


def quiet_text(quiet: Quiet, lang: str) -> str:
    """Why nothing is to be called, and when the next calls are due."""
    said = i18n.tr(f"shown.calls_empty.{quiet.why}", lang)
    if quiet.next_at is None:
        return said
    when = i18n.moment(quiet.next_at, lang)
    return said + " " + i18n.tr("shown.calls_next", lang, at=when, n=quiet.next_total)


def calls_text(queue: Queue, manager: str | None, lang: str) -> list[Text | str]:
    """The whole list: a title, then each client, or why it is empty."""
    shown: list[Text | str] = [title(queue, manager, lang)]
    if not queue.rows:
        shown.append(
            quiet_text(queue.quiet, lang) if queue.quiet else i18n.tr("shown.calls_empty.nothing_due", lang)
        )
        return shown
    shown += [row_lines(row) for row in queue.rows]
    if queue.total > len(queue.rows):
        shown.append(i18n.tr("shown.calls_more", lang, n=queue.total - len(queue.rows)))
    return shown
