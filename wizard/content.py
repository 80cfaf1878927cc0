"""The content model: questions, pathways, documents, authorities and sources, loaded read-only.

Content lives in TinyDB files under ``data/content/`` (one file per pathway family, same tables
in each); they are merged here. Nothing in this module knows a legal fact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .geo import Geography
from .resources import data_root, read_tables

TABLES = (
    "sources",
    "questions",
    "pathways",
    "documents",
    "authorities",
    "notices",
    "procedures",
)
PRECISIONS = ("commune",)  # what a place question may require beyond a département
QUESTION_TYPES = (
    "single_choice",
    "multiple_choice",
    "yes_no",
    "date",
    "place",
    "number",
    "text",
)
CHOICE_TYPES = ("single_choice", "multiple_choice")
STATUSES = ("current", "archive")
MAIN_FLOW = "main"


@dataclass(frozen=True)
class Option:
    id: str
    label: Mapping[str, str]


@dataclass(frozen=True)
class Question:
    id: str
    order: int
    type: str
    section: Mapping[str, str]
    label: Mapping[str, str]  # short form, used in reasons and the review list
    text: Mapping[str, str]
    help: Mapping[str, str] | None = None
    options: tuple[Option, ...] = ()
    when: Mapping[str, Any] | None = None
    optional: bool = False  # null ("I don't know") is an accepted answer
    min: Any = None
    max: Any = None
    integer: bool = False
    max_length: int = 200
    precision: str | None = None  # place questions: "commune" refuses a bare département

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    @classmethod
    def from_record(cls, rec: Mapping[str, Any]) -> Question:
        return cls(
            id=rec["id"],
            order=rec["order"],
            type=rec["type"],
            section=rec["section"],
            label=rec["label"],
            text=rec["text"],
            help=rec.get("help"),
            options=tuple(Option(o["id"], o["label"]) for o in rec.get("options", ())),
            when=rec.get("when"),
            optional=bool(rec.get("optional", False)),
            min=rec.get("min"),
            max=rec.get("max"),
            integer=bool(rec.get("integer", False)),
            max_length=int(rec.get("max_length", 200)),
            precision=rec.get("precision"),
        )


@dataclass(frozen=True)
class Content:
    """Everything the engine reads. Build with ``load_content()`` or ``Content.from_tables()``."""

    tables: Mapping[str, tuple[Mapping[str, Any], ...]]
    all_questions: tuple[Question, ...]
    # A Geography, or the data root to build one from on the first place lookup: the first
    # screens never pay for the geography module.
    geo_source: Any = field(default=None, compare=False, repr=False)
    flow: str = MAIN_FLOW  # the questions and pathways in use: "main", or e.g. a history flow
    # Shared by every flow view of the same content, so the geography is built once.
    shared: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_tables(
        cls,
        tables: Mapping[str, list[Mapping[str, Any]]],
        geo: Any = None,
        flow: str = MAIN_FLOW,
    ) -> Content:
        """Content over ``tables``; ``geo`` is a Geography, a data root, or None (bundled)."""
        frozen = {name: tuple(tables.get(name, ())) for name in TABLES}
        questions = tuple(
            sorted((Question.from_record(r) for r in frozen["questions"]), key=lambda q: q.order)
        )
        return cls(frozen, questions, geo, flow)

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
        return Content(self.tables, self.all_questions, self.geo_source, flow, self.shared)

    @cached_property
    def flows(self) -> tuple[str, ...]:
        """Every flow named by a question or pathway; "main" first."""
        names = {
            r.get("flow", MAIN_FLOW) for t in ("questions", "pathways") for r in self.tables[t]
        }
        return (MAIN_FLOW, *sorted(names - {MAIN_FLOW}))

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """The questions of the current flow, in the order they are asked."""
        flow_of = {r["id"]: r.get("flow", MAIN_FLOW) for r in self.tables["questions"]}
        return tuple(q for q in self.all_questions if flow_of[q.id] == self.flow)

    def _index(self, table: str) -> dict[str, Mapping[str, Any]]:
        return {r["id"]: r for r in self.tables[table]}

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def pathways(self) -> tuple[Mapping[str, Any], ...]:
        """The pathways of the current flow, in plan order."""
        mine = (p for p in self.tables["pathways"] if p.get("flow", MAIN_FLOW) == self.flow)
        return tuple(sorted(mine, key=lambda p: p.get("order", 0)))

    @cached_property
    def documents(self) -> dict[str, Mapping[str, Any]]:
        return self._index("documents")

    @cached_property
    def authorities(self) -> dict[str, Mapping[str, Any]]:
        return self._index("authorities")

    @cached_property
    def sources(self) -> dict[str, Mapping[str, Any]]:
        return self._index("sources")

    @cached_property
    def procedures(self) -> dict[str, Mapping[str, Any]]:
        """Procedures by id (asylum, residence, rental...), each naming its authorities."""
        return self._index("procedures")


def read_content_tables(root: Traversable | Path | None = None) -> dict[str, list[dict[str, Any]]]:
    """Merge the tables of every ``content/*.json`` database, files in name order."""
    base = (root if root is not None else data_root()).joinpath("content")
    merged: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    files = sorted((f for f in base.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    for f in files:
        for name, rows in read_tables(f).items():
            for row in rows:
                row.setdefault("_file", f.name)
            merged.setdefault(name, []).extend(rows)
    return merged


def load_content(root: Traversable | Path | None = None) -> Content:
    """Load the bundled content (read-only) and the geography that goes with it."""
    return Content.from_tables(read_content_tables(root), root)
