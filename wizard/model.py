"""The typed content model: every content record becomes a frozen dataclass as it is loaded.

Loading is validation: a record of the wrong shape (a missing field, a number where text is
expected, an unknown status) raises ``ContentError`` naming the file, the table and the record,
instead of failing later, deep in a plan. Cross-references (a pathway naming a document that does
not exist, a condition on an unknown question) are checked by ``check-data``, which also uses
this module to report every malformed record at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import field, fields, is_dataclass
from datetime import date as _date
from typing import Any, TypeVar

from .errors import ContentError
from .qtypes import TYPES, QuestionType
from .record import Record, record
from .text import LANGS, Localised

STATUSES = ("current", "archive")
SOURCE_STATUSES = ("current", "archive", "superseded")
DEADLINE_KINDS = ("end", "start")
# How a deadline's length is counted (wizard/deadlines.py): "working_days" are jours ouvrés
# (Monday to Friday, public holidays excluded).
DEADLINE_UNITS = ("hours", "days", "working_days", "months", "years")
DIRECTIONS = ("after", "before")
COST_KINDS = ("fee", "fine")
FACT_KINDS = ("fee", "fine", "time_limit")
PRECISIONS = ("commune",)  # what a place question may require beyond a département
MAIN_FLOW = "main"

Condition = Mapping[str, Any]


# -- records ----------------------------------------------------------------------------------


@record
class Source(Record):
    """A text the content relies on: a seed file, or a public page (url + date consulted)."""

    id: str
    file: str | None  # the seed's file name; None for a public page
    title: Localised
    status: str  # current | archive | superseded
    notes: Localised | None = None  # for reviewers (seed gaps, extraction slips); not shown
    url: str | None = None
    date: str | None = None  # date of the text ("YYYY-MM-DD"), when the source gives it
    consulted: str | None = None  # when a public page was read
    valid_until: str | None = None  # superseded on this date
    dated: Localised | None = None  # the date in words when it is not one day ("2015-2016")
    last_reviewed: str | None = None  # when the content was last checked against this source

    @property
    def ref(self) -> str:
        """How a plan names the source: its file, else its address."""
        return self.file or self.url or self.id


@record
class Citation(Record):
    """One more source a fact relies on, with the article it cites."""

    id: str
    articles: str | None = None


@record
class Dating(Record):
    """When a fact holds and when it was last checked against its sources (ISO dates)."""

    sources: tuple[Citation, ...] = ()  # sources beyond the main ``source``
    valid_from: str | None = None  # in force since (when a source says)
    valid_until: str | None = None  # no longer in force after (a changed rule)
    last_reviewed: str | None = None  # last checked against its sources


@record
class Fact(Record):
    """A fee, fine or time limit as written once in the content source (data/source/facts);
    pathways quote it. Older rules stay here with status "archive"."""

    id: str
    kind: str  # fee | fine | time_limit
    label: Localised
    source: str
    status: str
    amount_eur: float | None = None
    duration: Mapping[str, int] = field(default_factory=dict)
    # A time limit counted from a date question: as a deadline's length/unit/direction.
    length: int = 0
    unit: str = "days"
    direction: str = "after"
    rule: Localised | None = None
    note: Localised | None = None
    articles: str | None = None
    quoted_by: tuple[str, ...] = ()  # "table:id" of the records whose sentences quote it
    dating: Dating = field(default_factory=Dating)

    @property
    def offset(self) -> Mapping[str, int]:
        """The length as a signed period {unit: n} (empty when none)."""
        n = -self.length if self.direction == "before" else self.length
        return {self.unit: n} if n else {}


@record
class Option(Record):
    """One answer a choice question offers: its id (what is saved) and its label."""

    id: str
    label: Localised


@record
class Question(Record):
    """One question of a flow: its type, words, options and when it is asked."""

    id: str
    order: int
    type: str
    section: Localised
    label: Localised  # short form, used in reasons and the review list
    text: Localised
    help: Localised | None = None
    options: tuple[Option, ...] = ()
    when: Condition | None = None
    optional: bool = False  # null ("I don't know") is an accepted answer
    min: Any = None
    max: Any = None
    integer: bool = False
    max_length: int = 200
    precision: str | None = None  # place questions: "commune" refuses a bare département
    flow: str = MAIN_FLOW

    @property
    def kind(self) -> QuestionType:
        """What this question's type knows: parsing, checking, display, walking."""
        return TYPES[self.type]

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@record
class Item(Record):
    """A sentence of a pathway (a step, a note, a warning, a recourse, a piece of history)."""

    text: Localised
    source: str | None = None
    articles: str | None = None
    when: Condition | None = None
    dating: Dating = field(default_factory=Dating)


@record
class DocumentRef(Record):
    """A document a pathway asks for, by id, and when it is asked for."""

    id: str
    when: Condition | None = None


@record
class Counting(Record):
    """Where the way a deadline is counted comes from (e.g. CPC art. 641-642)."""

    source: str
    articles: str | None = None


@record
class DeadlineRule(Record):
    """A time limit a pathway runs: its words, source and how its date is counted."""

    id: str
    label: Localised
    rule: Localised
    source: str
    status: str
    kind: str = "end"  # "end": something must be done by then; "start": a period opens
    anchor: str | None = None  # the date (or date-and-time) question the date runs from
    length: int = 0  # how long, in ``unit``
    unit: str = "days"  # hours | days | working_days | months | years
    direction: str = "after"  # after the anchor, or before it (a window before an expiry)
    # An end falling on a Saturday, Sunday or public holiday moves to the next working day.
    extends_to_working_day: bool = False
    window: str | None = None  # deadlines sharing a window id open and close one period
    counting: tuple[Counting, ...] = ()  # the sources of the way it is counted
    if_passed: Item | None = None  # what can still be done once it has passed (when known)
    articles: str | None = None
    when: Condition | None = None
    duration: Mapping[str, int] = field(default_factory=dict)  # the time limit, in words' units
    dating: Dating = field(default_factory=Dating)

    @property
    def offset(self) -> Mapping[str, int]:
        """The length as a signed period {unit: n} (0 when the date is the anchor itself)."""
        n = -self.length if self.direction == "before" else self.length
        return {self.unit: n} if n else {}


@record
class Cost(Record):
    """A fee a pathway costs: amount in euros, words and source."""

    id: str
    label: Localised
    amount_eur: float
    source: str
    status: str
    payment: Localised | None = None
    note: Localised | None = None
    articles: str | None = None
    when: Condition | None = None
    kind: str = "fee"  # fee | fine
    dating: Dating = field(default_factory=Dating)


@record
class AuthorityRef(Record):
    """The authority a pathway sends a person to, by id (and the place question)."""

    id: str
    place: str | None = None  # the place question that names the authority


@record
class Pathway(Record):
    """A procedure that may apply: when it applies, its steps, documents, deadlines, costs."""

    id: str
    order: int
    status: str
    source: str
    title: Localised
    summary: Localised | None = None
    articles: str | None = None
    flow: str = MAIN_FLOW
    family: str | None = None
    fallback: bool = False
    when: Condition | None = None
    authority: AuthorityRef | None = None
    documents: tuple[DocumentRef, ...] = ()
    steps: tuple[Item, ...] = ()
    deadlines: tuple[DeadlineRule, ...] = ()
    costs: tuple[Cost, ...] = ()
    recourse: tuple[Item, ...] = ()
    notes: tuple[Item, ...] = ()
    warnings: tuple[Item, ...] = ()
    history: tuple[Item, ...] = ()
    dating: Dating = field(default_factory=Dating)


@record
class Document(Record):
    """A document to bring: its words, where to get it, source and status."""

    id: str
    label: Localised
    source: str
    status: str
    details: Localised | None = None
    articles: str | None = None
    dating: Dating = field(default_factory=Dating)


@record
class Override(Record):
    """An authority's name, address or notes for one département or commune."""

    source: str
    name: Localised | None = None
    address: str | None = None
    notes: tuple[Item, ...] = ()
    correction: Localised | None = None  # where the data corrects its source (not shown)


@record
class Authority(Record):
    """An office a person goes to (préfecture, Ofpra, CNDA, mairie...), with its source."""

    id: str
    kind: str
    name: Localised
    source: str
    name_unknown: Localised | None = None
    address: str | None = None
    notes: tuple[Item, ...] = ()
    overrides: Mapping[str, Override] = field(default_factory=dict)
    dating: Dating = field(default_factory=Dating)


@record
class ProcedureAuthority(Record):
    """One authority of a procedure in the look-up, and its role there."""

    id: str
    role: Localised | None = None


@record
class Procedure(Record):
    """A procedure the authority look-up knows (asylum, residence, rental) and its offices."""

    id: str
    label: Localised
    source: str
    authorities: tuple[ProcedureAuthority, ...]
    aliases: tuple[str, ...] = ()
    precision: str | None = None
    notes: tuple[Item, ...] = ()


@record
class Notice(Record):
    """A fixed sentence of the content (not legal advice, a passed deadline...)."""

    id: str
    text: Localised


# -- reading a record -------------------------------------------------------------------------

T = TypeVar("T")
_MISSING = object()
_LANG_SET = frozenset(LANGS)
_DATING_FIELDS = frozenset({"sources", "valid_from", "valid_until", "last_reviewed"})
NO_DATING = Dating()
MAX_NESTING = 64  # lists and objects inside one condition (the real ones use a handful)


def _depth(value: Any, limit: int) -> int:
    """How deeply ``value`` nests lists and objects, counted a level at a time without
    recursion, up to ``limit + 1``."""
    level, layer = 0, [value]
    while layer:
        level += 1
        if level > limit:
            return level
        inner: list[Any] = []
        for item in layer:
            if type(item) is dict or isinstance(item, Mapping):  # dict first: no ABC check
                inner.extend(item.values())
            elif isinstance(item, list | tuple):
                inner.extend(item)
        layer = inner
    return level


class Fields:
    """One raw record being read: each accessor checks a field's type or raises ContentError."""

    def __init__(
        self,
        raw: Any,
        file: str | None,
        table: str,
        where: str | Callable[[], str] = "",
        record: str | None = None,
    ) -> None:
        self.file, self.table, self._where = file, table, where
        mapping = type(raw) is dict or isinstance(raw, Mapping)  # dict first: no ABC check
        if record is None and mapping and isinstance(raw.get("id"), str):
            record = raw["id"]
        self.id = record
        if not mapping:
            what = "must be an object" if where else "a record must be an object"
            self.fail(f"{what}, got {type(raw).__name__}")
        self.raw: Mapping[str, Any] = raw

    @property
    def where(self) -> str:
        """The path of this object inside its record ("" for the record itself), written out
        only when an error names it."""
        where = self._where
        return where if isinstance(where, str) else where()

    def fail(self, problem: str) -> Any:
        where = self.where
        prefix = f"{where}: " if where else ""
        raise ContentError(self.file, self.table, self.id, prefix + problem)

    def sub(self, raw: Any, where: str, index: int | None = None) -> Fields:
        """The fields of an object inside this record (errors name the record and the path):
        ``where`` is a field name, with ``index`` for an item of a list."""

        def path() -> str:
            inner = where if index is None else f"{where}[{index}]"
            return f"{self.where}.{inner}" if self._where else inner

        return Fields(raw, self.file, self.table, path, self.id)

    def _get(self, key: str, required: bool) -> Any:
        value = self.raw.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.fail(f"{key} missing")
            return None
        return value

    def string(self, key: str, required: bool = True) -> Any:
        value = self._get(key, required)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            self.fail(f"{key} must be non-empty text")
        return value

    def choice(self, key: str, allowed: tuple[str, ...], default: str | None = None) -> Any:
        value = self.raw.get(key, default)
        if value not in allowed:
            self.fail(f"{key} must be one of {', '.join(allowed)}, got {value!r}")
        return value

    def number(self, key: str, default: int | None = None) -> int:
        value = self.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"{key} must be a whole number, got {value!r}")
        return value

    def flag(self, key: str) -> bool:
        value = self.raw.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"{key} must be true or false, got {value!r}")
        return value

    def text(self, key: str, required: bool = True) -> Any:
        """A localised string {"fr": ..., "en": ...}; French is required."""
        value = self._get(key, required)
        if value is None:
            return None
        if type(value) is not dict and not isinstance(value, Mapping):
            self.fail(f'{key} must be {{"fr": ..., "en": ...}}')
        unknown = value.keys() - _LANG_SET
        if unknown:
            self.fail(f"{key}: unknown languages {sorted(unknown)}")
        for words in value.values():
            if not isinstance(words, str):
                self.fail(f"{key}: every language must be text")
        if not value.get("fr", "").strip():
            self.fail(f"{key}: French text missing")
        return dict(value)

    def iso_date(self, key: str) -> Any:
        """An optional date written "YYYY-MM-DD"."""
        value = self._get(key, False)
        if value is None:
            return None
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            _date.fromisoformat(value)
        except ValueError:
            self.fail(f"{key} must be a date YYYY-MM-DD, got {value!r}")
        return value

    def dating(self) -> Dating:
        """The optional dating fields of a fact."""
        if _DATING_FIELDS.isdisjoint(self.raw):
            return NO_DATING  # most records: one shared value (records are frozen)
        return Dating(
            sources=self.records(
                "sources", lambda c: Citation(c.string("id"), c.string("articles", False))
            ),
            valid_from=self.iso_date("valid_from"),
            valid_until=self.iso_date("valid_until"),
            last_reviewed=self.iso_date("last_reviewed"),
        )

    def condition(self, key: str = "when") -> Condition | None:
        value = self.raw.get(key)
        if value is not None and not isinstance(value, Mapping):
            self.fail(f"{key} must be a condition object")
        if value is not None and _depth(value, MAX_NESTING) > MAX_NESTING:
            # Evaluating it would exhaust the stack (RecursionError) long before it meant much.
            self.fail(f"{key} is nested more than {MAX_NESTING} levels deep")
        return value

    def records(self, key: str, read: Callable[[Fields], T]) -> tuple[T, ...]:
        value = self.raw.get(key, ())
        if not value and isinstance(value, list | tuple):
            return ()
        if not isinstance(value, list | tuple):
            self.fail(f"{key} must be a list")
        return tuple(read(self.sub(v, key, i)) for i, v in enumerate(value))


def _item(f: Fields) -> Item:
    return Item(
        f.text("text"),
        f.string("source", False),
        f.string("articles", False),
        f.condition(),
        f.dating(),
    )


def _sourced_item(f: Fields) -> Item:
    item = _item(f)
    if item.source is None:
        f.fail("no source")
    return item


def _option(f: Fields) -> Option:
    return Option(f.string("id"), f.text("label"))


def _question(f: Fields) -> Question:
    qtype = f.choice("type", tuple(TYPES))
    options = f.records("options", _option)
    if TYPES[qtype].has_options and len(options) < 2:
        f.fail("a choice question needs at least two options")
    if len({o.id for o in options}) != len(options):
        f.fail("duplicate option ids")
    precision = f.raw.get("precision")
    if precision is not None:
        if qtype != "place":
            f.fail("precision is for place questions only")
        f.choice("precision", PRECISIONS)
    max_length = f.number("max_length", 200)
    if max_length < 1:
        f.fail("max_length must be at least 1")
    return Question(
        id=f.string("id"),
        order=f.number("order"),
        type=qtype,
        section=f.text("section"),
        label=f.text("label"),
        text=f.text("text"),
        help=f.text("help", False),
        options=options,
        when=f.condition(),
        optional=f.flag("optional"),
        min=f.raw.get("min"),
        max=f.raw.get("max"),
        integer=f.flag("integer"),
        max_length=max_length,
        precision=precision,
        flow=f.string("flow", False) or MAIN_FLOW,
    )


def _deadline_length(d: Fields) -> tuple[int, str, str]:
    """(length, unit, direction) of a deadline's ``date``: ``length`` + ``unit`` (+
    ``direction``), or the older signed ``offset`` {years|months|days: n} (one unit)."""
    if "offset" in d.raw:
        if any(key in d.raw for key in ("length", "unit", "direction")):
            d.fail("give either offset or length/unit/direction, not both")
        raw = d.raw["offset"]
        if not isinstance(raw, Mapping) or set(raw) - {"years", "months", "days"}:
            d.fail("offset: only years, months, days")
        for unit, n in raw.items():
            if isinstance(n, bool) or not isinstance(n, int) or abs(n) > 1200:
                d.fail(f"offset.{unit} must be a whole number")
        units = {unit: n for unit, n in raw.items() if n}
        if "years" in units and "months" in units:
            units = {"months": units.pop("years") * 12 + units.pop("months"), **units}
        if len(units) > 1:
            d.fail("offset: one unit only (write the length in the smaller unit)")
        if not units:
            return 0, "days", "after"
        ((unit, n),) = units.items()
        return abs(n), unit, "before" if n < 0 else "after"
    length = d.number("length", 0)
    if not 0 <= length <= 100_000:
        d.fail(f"length must be between 0 and 100000, got {length}")
    return (
        length,
        d.choice("unit", DEADLINE_UNITS, "days"),
        d.choice("direction", DIRECTIONS, "after"),
    )


def _counting(f: Fields) -> Counting:
    return Counting(f.string("source"), f.string("articles", False))


def _deadline(f: Fields) -> DeadlineRule:
    spec = f.raw.get("date")
    anchor, length, unit, direction, extends = None, 0, "days", "after", False
    window = None
    counting: tuple[Counting, ...] = ()
    if spec is not None:
        d = f.sub(spec, "date")
        anchor = d.string("from")
        length, unit, direction = _deadline_length(d)
        extends = d.flag("extends_to_working_day")
        window = d.string("window", False)
        counting = d.records(
            "counting", lambda c: Counting(c.string("source"), c.string("articles", False))
        )
        if extends and unit == "hours":
            d.fail("an hour limit is not moved to a working day (extends_to_working_day)")
    kind = f.choice("kind", DEADLINE_KINDS, "end")
    if extends and kind == "start":
        f.fail("only an end moves to the next working day, not a period's start")
    return DeadlineRule(
        id=f.string("id"),
        label=f.text("label"),
        rule=f.text("rule"),
        source=f.string("source"),
        status=f.choice("status", STATUSES),
        kind=kind,
        anchor=anchor,
        length=length,
        unit=unit,
        direction=direction,
        extends_to_working_day=extends,
        window=window,
        counting=counting,
        if_passed=_sourced_item(f.sub(f.raw["if_passed"], "if_passed"))
        if f.raw.get("if_passed") is not None
        else None,
        articles=f.string("articles", False),
        when=f.condition(),
        duration=_duration(f),
        dating=f.dating(),
    )


def _duration(f: Fields) -> Mapping[str, int]:
    raw = f.raw.get("duration", {})
    if not isinstance(raw, Mapping) or set(raw) - {"years", "months", "days", "hours"}:
        f.fail("duration: only years, months, days, hours")
    for unit, n in raw.items():
        if isinstance(n, bool) or not isinstance(n, int) or not 0 < n <= 1200:
            f.fail(f"duration.{unit} must be a positive whole number")
    return dict(raw)


def _cost(f: Fields) -> Cost:
    amount: Any = f.raw.get("amount_eur")
    if (
        isinstance(amount, bool)
        or not isinstance(amount, int | float)
        or not 0 <= amount < 1_000_000_000  # also refuses NaN and infinities
    ):
        f.fail(f"amount_eur must be a non-negative number, got {amount!r}")
    return Cost(
        id=f.string("id"),
        label=f.text("label"),
        amount_eur=amount,
        source=f.string("source"),
        status=f.choice("status", STATUSES),
        payment=f.text("payment", False),
        note=f.text("note", False),
        articles=f.string("articles", False),
        when=f.condition(),
        kind=f.choice("kind", COST_KINDS, "fee"),
        dating=f.dating(),
    )


def _pathway(f: Fields) -> Pathway:
    auth = f.raw.get("authority")
    authority = None
    if auth is not None:
        a = f.sub(auth, "authority")
        authority = AuthorityRef(a.string("id"), a.string("place", False))
    return Pathway(
        id=f.string("id"),
        order=f.number("order", 0),
        status=f.choice("status", STATUSES),
        source=f.string("source"),
        title=f.text("title"),
        summary=f.text("summary", False),
        articles=f.string("articles", False),
        flow=f.string("flow", False) or MAIN_FLOW,
        family=f.string("family", False),
        fallback=f.flag("fallback"),
        when=f.condition(),
        authority=authority,
        documents=f.records("documents", lambda d: DocumentRef(d.string("id"), d.condition())),
        steps=f.records("steps", _sourced_item),
        deadlines=f.records("deadlines", _deadline),
        costs=f.records("costs", _cost),
        recourse=f.records("recourse", _sourced_item),
        notes=f.records("notes", _item),
        warnings=f.records("warnings", _item),
        history=f.records("history", _sourced_item),
        dating=f.dating(),
    )


def _document(f: Fields) -> Document:
    return Document(
        id=f.string("id"),
        label=f.text("label"),
        source=f.string("source"),
        status=f.choice("status", STATUSES),
        details=f.text("details", False),
        articles=f.string("articles", False),
        dating=f.dating(),
    )


def _override(f: Fields) -> Override:
    return Override(
        source=f.string("source"),
        name=f.text("name", False),
        address=f.string("address", False),
        notes=f.records("notes", _item),
        correction=f.text("correction", False),
    )


def _authority(f: Fields) -> Authority:
    raw = f.raw.get("overrides", {})
    if not isinstance(raw, Mapping):
        f.fail("overrides must be an object keyed by département or INSEE code")
    return Authority(
        id=f.string("id"),
        kind=f.string("kind"),
        name=f.text("name"),
        source=f.string("source"),
        name_unknown=f.text("name_unknown", False),
        address=f.string("address", False),
        notes=f.records("notes", _item),
        overrides={str(code): _override(f.sub(o, f"overrides.{code}")) for code, o in raw.items()},
        dating=f.dating(),
    )


def _procedure(f: Fields) -> Procedure:
    aliases = f.raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        f.fail("names and aliases must be non-empty text")
    precision = f.raw.get("precision")
    if precision is not None:
        f.choice("precision", PRECISIONS)
    authorities = f.records(
        "authorities", lambda a: ProcedureAuthority(a.string("id"), a.text("role", False))
    )
    if not authorities:
        f.fail("needs at least one authority")
    return Procedure(
        id=f.string("id"),
        label=f.text("label"),
        source=f.string("source"),
        authorities=authorities,
        aliases=tuple(aliases),
        precision=precision,
        notes=f.records("notes", _item),
    )


def _source(f: Fields) -> Source:
    source = Source(
        id=f.string("id"),
        file=f.string("file", False),
        title=f.text("title"),
        status=f.choice("status", SOURCE_STATUSES),
        notes=f.text("notes", False),
        url=f.string("url", False),
        date=f.iso_date("date"),
        consulted=f.iso_date("consulted"),
        valid_until=f.iso_date("valid_until"),
        dated=f.text("dated", False),
        last_reviewed=f.iso_date("last_reviewed"),
    )
    if source.file is None and source.url is None:
        f.fail("a source needs a file (seed) or a url (public page)")
    if source.url is not None and source.consulted is None:
        f.fail("a public page needs the date it was consulted")
    return source


def _offset(f: Fields, key: str) -> Mapping[str, int]:
    raw = f.raw.get(key, {})
    if not isinstance(raw, Mapping) or set(raw) - {"years", "months", "days", "hours"}:
        f.fail(f"{key}: only years, months, days, hours")
    for unit, n in raw.items():
        if isinstance(n, bool) or not isinstance(n, int) or abs(n) > 1200:
            f.fail(f"{key}.{unit} must be a whole number")
    return dict(raw)


def _fact(f: Fields) -> Fact:
    kind = f.choice("kind", FACT_KINDS)
    amount: Any = f.raw.get("amount_eur")
    if kind != "time_limit" and (
        isinstance(amount, bool) or not isinstance(amount, int | float) or not 0 <= amount < 1e9
    ):
        f.fail(f"amount_eur must be a non-negative number, got {amount!r}")
    length, unit, direction = _deadline_length(f)
    return Fact(
        id=f.string("id"),
        kind=kind,
        label=f.text("label"),
        source=f.string("source"),
        status=f.choice("status", STATUSES),
        amount_eur=amount if kind != "time_limit" else None,
        duration=_offset(f, "duration"),
        length=length,
        unit=unit,
        direction=direction,
        rule=f.text("rule", False),
        note=f.text("note", False),
        articles=f.string("articles", False),
        quoted_by=tuple(str(q) for q in f.raw.get("quoted_by", ()) if isinstance(q, str)),
        dating=f.dating(),
    )


READERS: dict[str, Callable[[Fields], Any]] = {
    "sources": _source,
    "facts": _fact,
    "questions": _question,
    "pathways": _pathway,
    "documents": _document,
    "authorities": _authority,
    "notices": lambda f: Notice(f.string("id"), f.text("text")),
    "procedures": _procedure,
}
TABLES = tuple(READERS)


def read_record(table: str, raw: Any, file: str | None = None) -> Any:
    """One raw record of ``table`` as its typed value; raises ContentError when malformed."""
    return READERS[table](Fields(raw, file, table))


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # per record class, its fields in order


def _field_names(record: Any) -> tuple[str, ...]:
    cls = type(record)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(record))
    return names


def _nested(value: Any) -> bool:
    """Whether ``value`` is a record to look inside (plain values answered without asking
    ``is_dataclass``, which is slow)."""
    if isinstance(value, Record):
        return True
    if value is None or isinstance(value, str | int | float | tuple | list | dict):
        return False
    return is_dataclass(value)


def fields_of(record: Any, where: str = "") -> Iterator[tuple[str, str, Any]]:
    """Every (location, field name, value) inside a typed record, at any depth: the one walk
    that finds a record's conditions, source ids and texts."""
    for name in _field_names(record):
        value = getattr(record, name)
        loc = f"{where}.{name}"
        yield loc, name, value
        if _nested(value):
            yield from fields_of(value, loc)
        elif isinstance(value, tuple):
            for i, sub in enumerate(value):
                if _nested(sub):
                    yield from fields_of(sub, f"{loc}[{i}]")
        elif isinstance(value, Mapping):
            for key, sub in value.items():
                if _nested(sub):
                    yield from fields_of(sub, f"{loc}.{key}")


def conditions_of(record: Any, where: str = "") -> Iterator[tuple[str, Condition]]:
    """Every ``when`` condition inside a typed record, with its location."""
    for loc, name, value in fields_of(record, where):
        if name == "when" and value is not None:
            yield loc, value
