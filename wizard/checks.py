"""``check-data``: prove the content sound before anyone relies on it.

Checks that ids resolve, conditions are well formed and only look back (no cycles), every string
has French, every fact has a source and a status, and — by walking every path — that every
question and pathway is reachable and every path ends in a plan.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from string import Formatter
from typing import Any

from .conditions import (
    ConditionError,
    find_conditions,
    leaf_question,
    leaves,
    operator,
    referenced_questions,
    validate,
)
from .content import (
    CHOICE_TYPES,
    MAIN_FLOW,
    PRECISIONS,
    QUESTION_TYPES,
    STATUSES,
    TABLES,
    Content,
    read_content_tables,
)
from .geo import DEPT_CODE, TEMPLATE_FIELDS, Geography
from .plan import build_plan, select_pathways
from .resources import DataError
from .walk import representatives, thresholds, walk

TEXT_KEYS = (
    "title",
    "summary",
    "text",
    "label",
    "help",
    "section",
    "details",
    "rule",
    "payment",
    "note",
    "name",
    "name_unknown",
    "why",
    "correction",
    "role",
)
SOURCED_LISTS = ("steps", "deadlines", "costs", "recourse", "history")
SOURCE_STATUSES = ("current", "archive", "superseded")
NOTICES = ("archive", "dates_indicative", "deadline_passed")


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    paths: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        what = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        if self.problems:
            return f"check-data: {len(self.problems)} problem(s) ({what})"
        return f"check-data: OK — {what}; {self.paths} paths walked, each ends in a plan"


def _strings(value: Any, where: str) -> Iterator[tuple[str, Any]]:
    """Every localised-string field inside a record, with its location."""
    if isinstance(value, Mapping):
        for key, sub in value.items():
            if key in TEXT_KEYS:
                yield f"{where}.{key}", sub
            if key not in TEXT_KEYS or not isinstance(sub, Mapping):
                yield from _strings(sub, f"{where}.{key}")
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _strings(sub, f"{where}[{i}]")


def check_tables(tables: Mapping[str, list[Mapping[str, Any]]]) -> list[str]:
    """Static checks that need no walking. Returns problems as readable lines."""
    problems: list[str] = []
    add = problems.append
    ids: dict[str, set[str]] = {}
    for name in TABLES:
        seen: set[str] = set()
        for i, rec in enumerate(tables.get(name, ())):
            rid = rec.get("id")
            if not isinstance(rid, str) or not rid:
                add(f"{name}[{i}]: missing id")
                continue
            if rid in seen:
                add(f"{name} '{rid}': duplicate id")
            seen.add(rid)
        ids[name] = seen

    for name in TABLES:
        for rec in tables.get(name, ()):
            where = f"{name} '{rec.get('id')}'"
            for loc, text in _strings(rec, where):
                if not isinstance(text, Mapping):
                    add(f'{loc}: must be {{"fr": ..., "en": ...}}')
                elif not isinstance(text.get("fr"), str) or not text["fr"].strip():
                    add(f"{loc}: French text missing")
                elif set(text) - {"fr", "en"}:
                    add(f"{loc}: unknown languages {sorted(set(text) - {'fr', 'en'})}")
            for loc, sub in _strings_sources(rec, where):
                if sub not in ids["sources"]:
                    add(f"{loc}: unknown source '{sub}'")

    for rec in tables.get("sources", ()):
        if rec.get("status") not in SOURCE_STATUSES:
            add(f"sources '{rec.get('id')}': status must be one of {SOURCE_STATUSES}")
        if not rec.get("file"):
            add(f"sources '{rec.get('id')}': file name missing")

    questions = {q["id"]: q for q in tables.get("questions", ()) if "id" in q}
    orders: dict[Any, str] = {}
    for qid, q in questions.items():
        where = f"questions '{qid}'"
        if q.get("type") not in QUESTION_TYPES:
            add(f"{where}: unknown type {q.get('type')!r}")
        if not isinstance(q.get("order"), int):
            add(f"{where}: order must be an integer")
        elif q["order"] in orders:
            add(f"{where}: same order as '{orders[q['order']]}'")
        else:
            orders[q["order"]] = qid
        for key in ("section", "label", "text"):
            if key not in q:
                add(f"{where}: {key} missing")
        if "precision" in q:
            if q.get("type") != "place":
                add(f"{where}: precision is for place questions only")
            elif q["precision"] not in PRECISIONS:
                add(f"{where}: precision must be one of {PRECISIONS}")
        opts = [o.get("id") for o in q.get("options", ())]
        if q.get("type") in CHOICE_TYPES and len(opts) < 2:
            add(f"{where}: a choice question needs at least two options")
        if len(set(opts)) != len(opts):
            add(f"{where}: duplicate option ids")

    for name in TABLES:
        for rec in tables.get(name, ()):
            for loc, cond in find_conditions(rec, f"{name} '{rec.get('id')}'"):
                shape = validate(cond, loc)
                problems.extend(shape)
                if shape:
                    continue
                problems.extend(
                    _condition_refs(cond, loc, questions, rec if name == "questions" else None)
                )
                if name in ("questions", "pathways"):
                    flow = rec.get("flow", MAIN_FLOW)
                    for qid in sorted(referenced_questions(cond)):
                        other = questions.get(qid, {}).get("flow", MAIN_FLOW)
                        if qid in questions and other != flow:
                            add(f"{loc}: '{qid}' belongs to flow '{other}', not '{flow}'")

    for p in tables.get("pathways", ()):
        where = f"pathways '{p.get('id')}'"
        _need_source_status(p, where, add)
        for key in ("title",):
            if key not in p:
                add(f"{where}: {key} missing")
        auth = p.get("authority")
        if auth is not None:
            if auth.get("id") not in ids["authorities"]:
                add(f"{where}.authority: unknown authority '{auth.get('id')}'")
            place = auth.get("place")
            if place is not None and questions.get(place, {}).get("type") != "place":
                add(f"{where}.authority.place: '{place}' is not a place question")
        for i, ref in enumerate(p.get("documents", ())):
            if ref.get("id") not in ids["documents"]:
                add(f"{where}.documents[{i}]: unknown document '{ref.get('id')}'")
        for key in SOURCED_LISTS:
            for i, item in enumerate(p.get(key, ())):
                loc = f"{where}.{key}[{i}]"
                if "source" not in item:
                    add(f"{loc}: no source")
                if key in ("deadlines", "costs"):
                    _need_source_status(item, loc, add)
                    if not item.get("id"):
                        add(f"{loc}: id missing")
        for i, item in enumerate(p.get("costs", ())):
            amount = item.get("amount_eur")
            if isinstance(amount, bool) or not isinstance(amount, int | float) or amount < 0:
                add(f"{where}.costs[{i}]: amount_eur must be a non-negative number")
        for i, item in enumerate(p.get("deadlines", ())):
            if item.get("kind", "end") not in ("start", "end"):
                add(f"{where}.deadlines[{i}].kind: must be 'start' or 'end'")
            spec = item.get("date")
            if spec is not None:
                anchor = questions.get(spec.get("from"), {})
                if anchor.get("type") != "date":
                    add(
                        f"{where}.deadlines[{i}].date.from: '{spec.get('from')}' is not a date "
                        "question"
                    )
                if set(spec.get("offset", {})) - {"years", "months", "days"}:
                    add(f"{where}.deadlines[{i}].date.offset: only years, months, days")
    for d in tables.get("documents", ()):
        _need_source_status(d, f"documents '{d.get('id')}'", add)
    for a in tables.get("authorities", ()):
        if "source" not in a:
            add(f"authorities '{a.get('id')}': no source")
        for code, override in a.get("overrides", {}).items():
            if "source" not in override:
                add(f"authorities '{a.get('id')}'.overrides.{code}: no source")
    problems.extend(_check_authority_templates(tables.get("authorities", ())))
    problems.extend(_check_procedures(tables, ids))
    notice_ids = {n.get("id") for n in tables.get("notices", ())}
    for nid in NOTICES:
        if nid not in notice_ids:
            add(f"notices: '{nid}' missing")
    return problems


def _placeholders(text: Any) -> tuple[set[str], str | None]:
    """The ``{field}`` names in a localised template, or a problem with its braces."""
    found: set[str] = set()
    if not isinstance(text, Mapping):
        return found, None
    for value in text.values():
        try:
            parsed = list(Formatter().parse(value)) if isinstance(value, str) else []
        except ValueError as exc:
            return found, f"bad braces ({exc})"
        for _, ref, spec, conv in parsed:
            if ref is None:
                continue
            if not ref.isidentifier() or spec or conv:
                return found, f"placeholder {{{ref}}} must be a plain name"
            found.add(ref)
    return found, None


def _check_authority_templates(authorities) -> list[str]:
    """Names and notes use known place fields; a name needing a commune has a fallback."""
    problems: list[str] = []
    for a in authorities:
        where = f"authorities '{a.get('id')}'"
        texts = [("name", a.get("name")), ("name_unknown", a.get("name_unknown"))]
        texts += [(f"notes[{i}]", n.get("text")) for i, n in enumerate(a.get("notes", ()))]
        for code, o in a.get("overrides", {}).items():
            texts.append((f"overrides.{code}.name", o.get("name")))
            texts += [
                (f"overrides.{code}.notes[{i}]", n.get("text"))
                for i, n in enumerate(o.get("notes", ()))
            ]
        for loc, text in texts:
            fields, bad = _placeholders(text)
            if bad:
                problems.append(f"{where}.{loc}: {bad}")
            unknown = fields - set(TEMPLATE_FIELDS)
            if unknown:
                problems.append(
                    f"{where}.{loc}: unknown placeholders {sorted(unknown)} "
                    f"(known: {', '.join(TEMPLATE_FIELDS)})"
                )
            if loc == "name_unknown" and fields:
                problems.append(f"{where}.name_unknown: must not use placeholders")
            if loc.endswith("name") and fields and not a.get("name_unknown"):
                # Without a place (or without a commune) the template cannot be filled.
                problems.append(
                    f"{where}.{loc}: uses {sorted(fields)}, which a missing place (or a bare "
                    "département) does not give: add name_unknown"
                )
    return problems


def _check_procedures(tables, ids: Mapping[str, set[str]]) -> list[str]:
    problems: list[str] = []
    names: dict[str, str] = {}
    for p in tables.get("procedures", ()):
        where = f"procedures '{p.get('id')}'"
        if "source" not in p:
            problems.append(f"{where}: no source")
        if "label" not in p:
            problems.append(f"{where}: label missing")
        if p.get("precision") is not None and p["precision"] not in PRECISIONS:
            problems.append(f"{where}: precision must be one of {PRECISIONS}")
        refs = p.get("authorities") or []
        if not refs:
            problems.append(f"{where}: needs at least one authority")
        for i, ref in enumerate(refs):
            if ref.get("id") not in ids["authorities"]:
                problems.append(f"{where}.authorities[{i}]: unknown authority '{ref.get('id')}'")
        for name in [p.get("id"), *p.get("aliases", ())]:
            if not isinstance(name, str) or not name:
                problems.append(f"{where}: names and aliases must be non-empty text")
            elif name.casefold() in names and names[name.casefold()] != p.get("id"):
                problems.append(f"{where}: '{name}' already names '{names[name.casefold()]}'")
            else:
                names[name.casefold()] = p.get("id")
    return problems


def check_geography_refs(content: Content) -> list[str]:
    """Codes the content names (override keys, INSEE codes in conditions) exist in the data."""
    problems: list[str] = []
    geo = content.geo
    for a in content.tables["authorities"]:
        for code in a.get("overrides", {}):
            if len(code) == 5:
                if code not in geo.communes:
                    problems.append(f"authorities '{a['id']}'.overrides: no commune '{code}'")
            elif not DEPT_CODE.match(code) or code not in geo.departements:
                problems.append(f"authorities '{a['id']}'.overrides: no département '{code}'")
    for name in ("questions", "pathways"):
        for rec in content.tables[name]:
            for loc, cond in find_conditions(rec, f"{name} '{rec.get('id')}'"):
                for leaf in leaves(cond):
                    op = operator(leaf)
                    if op == "answered" or not leaf[op][0].endswith(".insee"):
                        continue
                    for v in leaf[op][1] if op == "in" else [leaf[op][1]]:
                        if geo.place_for_insee(str(v)) is None:
                            problems.append(f"{loc}: no commune with INSEE code '{v}'")
    return problems


def _strings_sources(value: Any, where: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, Mapping):
        for key, sub in value.items():
            if key == "source":
                yield f"{where}.source", sub
            else:
                yield from _strings_sources(sub, f"{where}.{key}")
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _strings_sources(sub, f"{where}[{i}]")


def _need_source_status(rec: Mapping[str, Any], where: str, add) -> None:
    if "source" not in rec:
        add(f"{where}: no source")
    if rec.get("status") not in STATUSES:
        add(f"{where}: status must be 'current' or 'archive'")


def _condition_refs(cond, where, questions, own_question) -> list[str]:
    problems = []
    for leaf in leaves(cond):
        qid = leaf_question(leaf)
        target = questions.get(qid)
        if target is None:
            problems.append(f"{where}: unknown question '{qid}'")
            continue
        if own_question is not None and target.get("order", 0) >= own_question.get("order", 0):
            problems.append(
                f"{where}: refers to '{qid}', which is not asked before "
                f"'{own_question.get('id')}' (conditions may only look back)"
            )
        op = operator(leaf)
        if op in ("equals", "in", "contains") and target.get("type") in CHOICE_TYPES:
            options = {o.get("id") for o in target.get("options", ())}
            values = leaf[op][1] if op == "in" else [leaf[op][1]]
            for v in values:
                if v not in options:
                    problems.append(f"{where}: '{qid}' has no option '{v}'")
        if (
            op in ("equals",)
            and target.get("type") == "yes_no"
            and not isinstance(leaf[op][1], bool)
        ):
            problems.append(f"{where}: '{qid}' is yes/no; compare with true or false")
    return problems


def check_content(content: Content, today: date, limit: int | None = None) -> Report:
    """All checks on loaded content, including the walk over every path of every flow."""
    tables = {name: list(rows) for name, rows in content.tables.items()}
    report = Report(problems=check_tables(tables))
    report.counts = {
        "flows": len(content.flows),
        "questions": len(content.all_questions),
        "pathways": len(content.tables["pathways"]),
        "documents": len(content.tables["documents"]),
        "sources": len(content.tables["sources"]),
    }
    if not report.problems:
        report.problems += check_geography_refs(content)
    if report.problems:
        return report  # walking broken content would only repeat the same problems
    for flow in content.flows:
        _walk_flow(content.with_flow(flow), today, limit, report)
    return report


def _walk_flow(content: Content, today: date, limit: int | None, report: Report) -> None:
    flow = content.flow
    if not any(p.get("fallback") for p in content.pathways):
        report.problems.append(f"flow '{flow}': no fallback pathway for when nothing applies")
    marks = thresholds(content, today)
    for q in content.questions:
        if not representatives(content, q, today, marks):
            report.problems.append(f"questions '{q.id}': no valid answer to try (check min/max)")
    seen_questions: set[str] = set()
    seen_pathways: set[str] = set()
    for path in walk(content, today, limit):
        report.paths += 1
        seen_questions.update(path.order)
        try:
            chosen = select_pathways(content, path.answers, today)
            plan = build_plan(content, path.answers, today, "fr")
            build_plan(content, path.answers, today, "en")
        except (KeyError, ValueError, TypeError, ConditionError) as exc:
            report.problems.append(f"flow '{flow}' path {list(path.order)}: plan fails: {exc!r}")
            continue
        if not chosen:
            answers = {k: str(v) for k, v in path.answers.items()}
            report.problems.append(f"flow '{flow}': dead end, no pathway for {answers}")
            continue
        seen_pathways.update(p.id for p in plan.pathways)
    for q in content.questions:
        if q.id not in seen_questions:
            report.problems.append(f"questions '{q.id}': never asked on any path")
    for p in content.pathways:
        if p["id"] not in seen_pathways:
            report.problems.append(f"pathways '{p['id']}': never applies on any path")


def check(data_dir: Path | None, today: date) -> Report:
    """Load the content (bundled, or from ``data_dir``) and check it; never raises."""
    try:
        tables = read_content_tables(data_dir)
    except DataError as exc:
        return Report(problems=[str(exc)])
    static = check_tables(tables)
    if static:
        return Report(problems=static)
    try:
        content = Content.from_tables(tables, Geography(data_dir))
        return check_content(content, today)
    except DataError as exc:
        return Report(problems=[str(exc)])
