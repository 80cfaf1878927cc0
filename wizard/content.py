"""The content: typed questions, pathways, documents, authorities and sources, loaded read-only.

Content lives in TinyDB files under ``data/content/`` (one file per pathway family, same tables
in each); they are merged here and each record is read into its dataclass (``model``), which
validates it. Nothing in this module knows a legal fact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ContentError
from .model import (
    MAIN_FLOW,
    TABLES,
    Authority,
    Document,
    Fact,
    Notice,
    Pathway,
    Procedure,
    Question,
    Source,
    read_record,
)
from .record import Record, record
from .resources import data_root, read_tables

if TYPE_CHECKING:
    from .geo import Geography

RawTables = Mapping[str, list[Any]]


@record
class Records(Record):
    """Every typed record of the content, all flows together, in file order."""

    sources: tuple[Source, ...] = ()
    facts: tuple[Fact, ...] = ()
    questions: tuple[Question, ...] = ()
    pathways: tuple[Pathway, ...] = ()
    documents: tuple[Document, ...] = ()
    authorities: tuple[Authority, ...] = ()
    notices: tuple[Notice, ...] = ()
    procedures: tuple[Procedure, ...] = ()


def read_records(tables: RawTables, problems: list[str] | None = None) -> Records:
    """Type every record of ``tables``.

    Without ``problems`` the first malformed record raises ContentError; with a list, every
    malformed record is reported there (as one line naming it) and left out.
    """
    if not isinstance(tables, Mapping):
        raise ContentError(None, "content", None, "tables must be an object")
    return Records(**{name: _read_table(tables, name, problems) for name in TABLES})


def _read_table(tables: RawTables, name: str, problems: list[str] | None) -> tuple[Any, ...]:
    """One table typed, record by record (see ``read_records`` for ``problems``)."""
    rows = tables.get(name, ())
    if not isinstance(rows, list | tuple):
        error = ContentError(None, name, None, "a table must be a list of records")
        if problems is None:
            raise error
        problems.append(str(error))
        rows = ()
    out = []
    for row in rows:
        file = row.get("_file") if isinstance(row, Mapping) else None
        try:
            out.append(read_record(name, row, file))
        except ContentError as exc:
            if problems is None:
                raise
            problems.append(str(exc))
    return tuple(out)


class LazyRecords(Records):
    """The same records, each table typed when it is first read.

    For the bundled content in a command: asking for the next question types the questions,
    the notices and the authorities, never the 49 pathways with their steps, deadlines and
    costs (about half of the loading). A malformed record is the same ContentError, raised when
    its table is first read; ``check-data`` types every table at once.
    """

    def __init__(self, tables: RawTables) -> None:
        if not isinstance(tables, Mapping):
            raise ContentError(None, "content", None, "tables must be an object")
        object.__setattr__(self, "__dict__", {"_tables": tables, "_typed": {}})

    def _table(self, name: str) -> tuple[Any, ...]:
        typed: dict[str, tuple[Any, ...]] = self.__dict__["_typed"]
        if name not in typed:
            typed[name] = _read_table(self.__dict__["_tables"], name, None)
        return typed[name]


def _lazy_table(name: str) -> property:
    return property(lambda self: self._table(name), doc=f"The {name}, typed on first use.")


for _name in TABLES:  # a property per table: it is found before the instance's attributes
    setattr(LazyRecords, _name, _lazy_table(_name))


@record
class Content(Record):
    """Everything the engine reads. Build with ``load_content()`` or ``Content.from_tables()``."""

    records: Records = field(repr=False)
    # A Geography, or the data root to build one from on the first place lookup: the first
    # screens never pay for the geography module.
    geo_source: Any = field(default=None, compare=False, repr=False)
    flow: str = MAIN_FLOW  # the questions and pathways in use: "main", or e.g. a history flow
    # Shared by every flow view of the same content, so the geography is built once.
    shared: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_tables(cls, tables: RawTables, geo: Any = None, flow: str = MAIN_FLOW) -> Content:
        """Content over raw ``tables`` (validated here); ``geo``: a Geography, a data root, or
        None (bundled)."""
        return cls(read_records(tables), geo, flow)

    @property
    def geo(self) -> Geography:
        """The places lookup, created (and its module imported) on first use."""
        geo = self.shared.get("geo")
        if geo is None:
            if hasattr(self.geo_source, "resolve"):
                geo = self.geo_source
            else:
                from .geo import Geography

                geo = Geography(self.geo_source)
            self.shared["geo"] = geo
        return geo

    def with_flow(self, flow: str) -> Content:
        """The same content, walking another flow (see ``flows``)."""
        return Content(self.records, self.geo_source, flow, self.shared)

    @cached_property
    def flows(self) -> tuple[str, ...]:
        """Every flow named by a question or pathway; "main" first."""
        names = {q.flow for q in self.records.questions} | {p.flow for p in self.records.pathways}
        return (MAIN_FLOW, *sorted(names - {MAIN_FLOW}))

    @cached_property
    def question_flows(self) -> frozenset[str]:
        """The flows that have questions ("main" always): what a walk can go through, known
        without reading the pathways."""
        return frozenset({MAIN_FLOW, *(q.flow for q in self.records.questions)})

    @cached_property
    def all_questions(self) -> tuple[Question, ...]:
        """Every question of every flow, in order."""
        return tuple(sorted(self.records.questions, key=lambda q: q.order))

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """The questions of the current flow, in the order they are asked."""
        return tuple(q for q in self.all_questions if q.flow == self.flow)

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def pathways(self) -> tuple[Pathway, ...]:
        """The pathways of the current flow, in plan order."""
        mine = (p for p in self.records.pathways if p.flow == self.flow)
        return tuple(sorted(mine, key=lambda p: p.order))

    @cached_property
    def documents(self) -> dict[str, Document]:
        return {d.id: d for d in self.records.documents}

    @cached_property
    def authorities(self) -> dict[str, Authority]:
        return {a.id: a for a in self.records.authorities}

    @cached_property
    def sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.records.sources}

    @cached_property
    def procedures(self) -> dict[str, Procedure]:
        """Procedures by id (asylum, residence, rental...), each naming its authorities."""
        return {p.id: p for p in self.records.procedures}

    @cached_property
    def notices(self) -> dict[str, Notice]:
        """Standing texts (archive banner, indicative dates, not legal advice...) by id."""
        return {n.id: n for n in self.records.notices}


def read_content_tables(root: Path | None = None) -> dict[str, list[Any]]:
    """Merge the tables of every ``content/*.json`` database, files in name order."""
    base = (root if root is not None else data_root()).joinpath("content")
    merged: dict[str, list[Any]] = {name: [] for name in TABLES}
    files = sorted((f for f in base.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    for f in files:
        for name, rows in read_tables(f).items():
            for row in rows:
                row.setdefault("_file", f.name)
            merged.setdefault(name, []).extend(rows)
    return merged


def load_content(root: Path | None = None, lazy: bool = False) -> Content:
    """Load the bundled content (read-only, validated) and the geography that goes with it;
    ``lazy``: each table typed when first read (``LazyRecords``)."""
    tables = read_content_tables(root)
    if lazy:
        return Content(LazyRecords(tables), root)
    return Content.from_tables(tables, root)
