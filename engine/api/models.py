"""What the API accepts and answers, as pydantic models: the OpenAPI schema is generated from them.

Inputs are strict at the boundary: unknown properties are refused, strings carry no NUL or
unpaired surrogate (neither can be stored), numbers are finite and bounded, moments lie in
1970–2200, so nothing a client sends can reach the database in a shape it would choke on.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt
from pydantic_core import PydanticCustomError

from engine.api.derive import model_of
from engine.language.loader import FILE_NAMES
from engine.service import answers, outcomes
from engine.values.client import NextStep
from engine.values.fieldtypes import BIG, FIELD_TYPES, card_value_description

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")  # pydantic reads it as seconds
STORABLE = r"^[^\x00]*$"
"""Texts hold no NUL (the schema says so; unpaired surrogates are refused on arrival too)."""
MAX_ID = 2**31 - 1
EARLIEST, LATEST = datetime(1970, 1, 2, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC)


def _storable(value: str) -> str:
    if not _UNSTORABLE.search(value):
        return value
    raise PydanticCustomError("unstorable_text", "the text holds a NUL or a lone surrogate")


Storable = Annotated[str, Field(pattern=STORABLE), AfterValidator(_storable)]
"""A text that can be stored: no NUL (said in the schema), no unpaired surrogate."""


def _sane_moment(value: datetime) -> datetime:
    probe = value if value.tzinfo else value.replace(tzinfo=UTC)
    if not EARLIEST <= probe <= LATEST:
        raise PydanticCustomError("moment_out_of_range", "the moment must lie between 1970 and 2200")
    return value


def _sane_day(value: date) -> date:
    if not EARLIEST.date() <= value <= LATEST.date():
        raise PydanticCustomError("day_out_of_range", "the date must lie between 1970 and 2200")
    return value


def _written(value: object) -> object:
    """Dates and times come as ISO text (not a number, nor one written as text as in a query)."""
    if isinstance(value, date | time) or (isinstance(value, str) and _NUMBER.fullmatch(value) is None):
        return value
    raise PydanticCustomError("iso_text_expected", "write it as ISO 8601 text, e.g. 2026-11-25")


def _a_number(value: object) -> object:
    """`true` and "1" are no JSON numbers (lax pydantic reads them as 1); 858.0 is an integer."""
    if not isinstance(value, bool | str):
        return value
    raise PydanticCustomError("int_type", "Input should be a valid integer")


PublicationNumber = Annotated[int, Field(ge=1, le=MAX_ID), BeforeValidator(_a_number)]
Id = Annotated[Storable, Field(min_length=1, max_length=100)]
Line = Annotated[Storable, Field(max_length=1000)]
YEARS = r"^(19[7-9][0-9]|2[01][0-9]{2})-"
"""The accepted years, 1970–2199, said in the schema (a date format has no minimum)."""
Moment = Annotated[
    datetime,
    BeforeValidator(_written),
    AfterValidator(_sane_moment),
    Field(json_schema_extra={"pattern": YEARS, "description": "ISO 8601, 1970–2199."}),
]
Day = Annotated[
    date,
    BeforeValidator(_written),
    AfterValidator(_sane_day),
    Field(json_schema_extra={"pattern": YEARS, "description": "ISO 8601 date, 1970–2199."}),
]
Clock = Annotated[time, BeforeValidator(_written)]
_LONGEST = max(s.limits.max_length or 0 for s in FIELD_TYPES.values())
_BIG = int(BIG)
CardValue = (
    Annotated[Storable, Field(max_length=_LONGEST)]
    | Annotated[StrictInt, Field(ge=-_BIG, le=_BIG)]
    | Annotated[float, Field(ge=-_BIG, le=_BIG, allow_inf_nan=False)]
    | StrictBool
    | None
)


def _card_schema(schema: dict[str, Any]) -> None:
    """Say the key rule with propertyNames (pydantic writes patternProperties, which leave other
    keys unconstrained) and the value rule for every key."""
    values = next(iter(schema.pop("patternProperties", {}).values()), None)
    if values is not None:
        values["description"] = (
            "A card value, read by its field's type (GET /v1/regulation names each field's type);"
            " numbers written as text have at most 40 characters. Per type, the stored form and"
            f" its limits: {card_value_description()}."
        )
        schema["additionalProperties"] = values
    schema["propertyNames"] = {**schema.get("propertyNames", {}), "pattern": STORABLE}


Card = Annotated[dict[Id, CardValue], Field(max_length=500, json_schema_extra=_card_schema)]
FileName = Literal["regulation.yaml", "stages.yaml", "card.yaml", "segments.yaml", "priorities.yaml"]
assert set(FileName.__args__) == set(FILE_NAMES.values())  # type: ignore[attr-defined]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NextStepIn(Strict):
    action: Annotated[
        str, Field(min_length=1, max_length=500), Field(pattern=STORABLE), AfterValidator(_storable)
    ]
    due_date: Day
    due_time: Clock | None = None

    def to_step(self) -> NextStep:
        return NextStep(
            self.action, self.due_date, self.due_time.replace(tzinfo=None) if self.due_time else None
        )


def step(given: NextStepIn | None) -> NextStep | None:
    """The next step a request body gives, if any."""
    return given.to_step() if given else None


class ClientIn(Strict):
    card: Card = Field(description="Field id → value; see GET /v1/regulation for the fields and their types.")
    owner: Id | None = Field(None, description="The manager's login; a manager's token always owns.")
    timezone: Id | None = Field(
        None, description="IANA zone such as Europe/Moscow (default: the regulation's)."
    )
    external_id: Id | None = Field(None, description="The client's id in your CRM; unique.")
    next_step: NextStepIn | None = None


class CardPatch(Strict):
    card: Card = Field(description="Fields to change; null clears a field.")


class OwnerIn(Strict):
    owner: Id = Field(description="The login of the manager who takes the client over.")


class MoveIn(Strict):
    trigger: Id = Field(description="A trigger of the regulation, e.g. qualify.")
    reason: Id | None = Field(None, description="The refusal reason, when the move is a refusal.")
    next_step: NextStepIn | None = None
    card: Card | None = Field(None, description="Card changes saved only if the move happens.")
    note: Annotated[Storable, Field(max_length=5000)] | None = Field(
        None, description="The hand-over note, when the move passes the client to another department."
    )


class ContactIn(Strict):
    kind: Id = Field(description="A contact kind of the regulation, e.g. call.")
    result: Id = Field(description="A contact result of the regulation.")
    comment: Annotated[Storable, Field(max_length=5000)] = ""
    next_step: NextStepIn | None = None
    reason: Id | None = None


class RegulationFiles(Strict):
    files: dict[
        FileName,
        Annotated[Storable, Field(max_length=2_000_000)],
    ] = Field(description='File name → YAML text, e.g. {"stages.yaml": "..."}.')

    def as_bytes(self) -> dict[str, bytes]:
        return {name: text.encode("utf-8") for name, text in self.files.items()}


class PublishIn(RegulationFiles):
    note: Annotated[Storable, Field(max_length=2000)] | None = Field(
        None, description="Why this version is published: kept with the publication."
    )


class DiffIn(RegulationFiles):
    against: PublicationNumber | None = Field(
        None, description="The publication to compare with (default: the regulation in force)."
    )


class ImpactIn(RegulationFiles):
    at: Moment | None = Field(None, description="The moment to measure at (default: now).")


class RollbackIn(Strict):
    note: Annotated[Storable, Field(max_length=2000)] | None = Field(
        None, description="Why the earlier version is put back: kept with the new publication."
    )


class SegmentRunIn(Strict):
    at: Moment | None = Field(None, description="The moment to classify at (default: now).")
    plan: StrictBool = Field(True, description="Also plan the contacts the cells' policies call for.")
    force: StrictBool = Field(
        False,
        description="Run even with no sales in the window or long after the last sale (clears classes).",
    )


class TokenIn(Strict):
    name: Annotated[
        str, Field(min_length=1, max_length=200), Field(pattern=STORABLE), AfterValidator(_storable)
    ]
    role: Literal["manager", "head", "admin"]
    manager: Id | None = Field(None, description="The manager's login; required for the manager role.")


class ManagerIn(Strict):
    login: Id
    name: Annotated[
        str, Field(min_length=1, max_length=200), Field(pattern=STORABLE), AfterValidator(_storable)
    ]
    role: Id = Field(description="A role of the regulation, e.g. manager.")
    timezone: Id | None = None


class AwayIn(Strict):
    since: Day | None = Field(None, alias="from", description="The first day away (included).")
    until: Day | None = Field(None, description="The last day away (included).")


class ApplyRulesIn(Strict):
    apply: StrictBool = Field(False, description="Write the reassignment; false: a dry run showing it.")


# -- answers -------------------------------------------------------------------------------------


ClientOut = model_of(answers.ClientAnswer)
ClientChanged = model_of(outcomes.CardChanged)
Reassigned = model_of(outcomes.Reassigned)
Moved = model_of(outcomes.Moved)
Possible = model_of(outcomes.Possible)
ContactDone = model_of(outcomes.ContactDone)
ClientPage = model_of(outcomes.Page)
