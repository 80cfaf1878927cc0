"""``check-data``: prove the content sound before anyone relies on it.

Checks that ids resolve, conditions are well formed and only look back (no cycles), every string
has French, every fact has a source and a status, and — by walking every path — that every
question and pathway is reachable and every path ends in a plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from string import Formatter
from typing import Any

from .conditions import (
    ConditionError,
    leaf_question,
    leaves,
    operator,
    referenced_questions,
    validate,
)
from .content import Content, Records, read_content_tables, read_records
from .errors import DataError
from .geo import DEPT_CODE, TEMPLATE_FIELDS, Geography
from .model import TABLES, Authority, Dating, Question, conditions_of, fields_of
from .parallel import in_parallel
from .plan import build_plan
from .safe_text import visible
from .sections import sections
from .walk import representatives, thresholds, walk

NOTICES = ("archive", "dates_indicative", "deadline_passed")


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    paths: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # reported, never a failure

    @property
    def summary(self) -> str:
        what = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        if self.problems:
            return f"check-data: {len(self.problems)} problem(s)" + (f" ({what})" if what else "")
        return f"check-data: OK — {what}; {self.paths} paths walked, each ends in a plan"


def check_tables(tables: Mapping[str, list[Any]]) -> list[str]:
    """Static checks that need no walking: every record's shape (by typing it), then the
    references between records. Returns problems as readable lines."""
    problems: list[str] = []
    records = read_records(tables, problems)
    # A malformed record is left out: checking references to it would only repeat the problem.
    return problems or check_records(records)


def check_records(records: Records) -> list[str]:
    """References between typed records: ids resolve, conditions look back, templates fill."""
    problems: list[str] = []
    add = problems.append
    ids: dict[str, set[str]] = {}
    for name in TABLES:
        seen: set[str] = set()
        for rec in getattr(records, name):
            if rec.id in seen:
                add(f"{name} '{rec.id}': duplicate id")
            seen.add(rec.id)
        ids[name] = seen

    for name in TABLES:
        for rec in getattr(records, name):
            for loc, key, value in fields_of(rec, f"{name} '{rec.id}'"):
                if key == "source" and isinstance(value, str) and value not in ids["sources"]:
                    add(f"{loc}: unknown source '{value}'")
                if isinstance(value, Dating):
                    for cite in value.sources:
                        if cite.id not in ids["sources"]:
                            add(f"{loc}.sources: unknown source '{cite.id}'")
                    if (
                        value.valid_from
                        and value.valid_until
                        and value.valid_until < value.valid_from
                    ):
                        add(f"{loc}: valid_until is before valid_from")

    questions = {q.id: q for q in records.questions}
    orders: dict[int, str] = {}
    for q in records.questions:
        if q.order in orders and orders[q.order] != q.id:
            add(f"questions '{q.id}': same order as '{orders[q.order]}'")
        orders.setdefault(q.order, q.id)

    for name in ("questions", "pathways"):
        for rec in getattr(records, name):
            for loc, cond in conditions_of(rec, f"{name} '{rec.id}'"):
                shape = validate(cond, loc)
                problems.extend(shape)
                if shape:
                    continue
                own = rec if name == "questions" else None
                problems.extend(_condition_refs(cond, loc, questions, own))
                for qid in sorted(referenced_questions(cond)):
                    other = questions[qid].flow if qid in questions else rec.flow
                    if other != rec.flow:
                        add(f"{loc}: '{qid}' belongs to flow '{other}', not '{rec.flow}'")

    for p in records.pathways:
        where = f"pathways '{p.id}'"
        if p.authority is not None:
            if p.authority.id not in ids["authorities"]:
                add(f"{where}.authority: unknown authority '{p.authority.id}'")
            place = p.authority.place
            if place is not None and (place not in questions or questions[place].type != "place"):
                add(f"{where}.authority.place: '{place}' is not a place question")
        for i, ref in enumerate(p.documents):
            if ref.id not in ids["documents"]:
                add(f"{where}.documents[{i}]: unknown document '{ref.id}'")
        for i, rule in enumerate(p.deadlines):
            if rule.anchor is None:
                continue
            anchor = questions.get(rule.anchor)
            if anchor is None or not anchor.kind.anchors:
                add(f"{where}.deadlines[{i}].date.from: '{rule.anchor}' is not a date question")
            elif rule.unit == "hours" and not anchor.kind.has_time:
                add(
                    f"{where}.deadlines[{i}].date.from: an hour limit needs a date-and-time "
                    f"question, '{rule.anchor}' has no time"
                )
    problems.extend(_check_authority_templates(records.authorities))
    problems.extend(_check_procedures(records, ids))
    for nid in NOTICES:
        if nid not in ids["notices"]:
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


def _check_authority_templates(authorities: tuple[Authority, ...]) -> list[str]:
    """Names and notes use known place fields; a name needing a commune has a fallback."""
    problems: list[str] = []
    for a in authorities:
        where = f"authorities '{a.id}'"
        texts = [("name", a.name), ("name_unknown", a.name_unknown)]
        texts += [(f"notes[{i}]", n.text) for i, n in enumerate(a.notes)]
        for code, o in a.overrides.items():
            texts.append((f"overrides.{code}.name", o.name))
            texts += [(f"overrides.{code}.notes[{i}]", n.text) for i, n in enumerate(o.notes)]
        for loc, text in texts:
            found, bad = _placeholders(text)
            if bad:
                problems.append(f"{where}.{loc}: {bad}")
            unknown = found - set(TEMPLATE_FIELDS)
            if unknown:
                problems.append(
                    f"{where}.{loc}: unknown placeholders {sorted(unknown)} "
                    f"(known: {', '.join(TEMPLATE_FIELDS)})"
                )
            if loc == "name_unknown" and found:
                problems.append(f"{where}.name_unknown: must not use placeholders")
            if loc.endswith("name") and found and not a.name_unknown:
                # Without a place (or without a commune) the template cannot be filled.
                problems.append(
                    f"{where}.{loc}: uses {sorted(found)}, which a missing place (or a bare "
                    "département) does not give: add name_unknown"
                )
    return problems


def _check_procedures(records: Records, ids: Mapping[str, set[str]]) -> list[str]:
    problems: list[str] = []
    names: dict[str, str] = {}
    for p in records.procedures:
        where = f"procedures '{p.id}'"
        for i, ref in enumerate(p.authorities):
            if ref.id not in ids["authorities"]:
                problems.append(f"{where}.authorities[{i}]: unknown authority '{ref.id}'")
        for name in (p.id, *p.aliases):
            if name.casefold() in names and names[name.casefold()] != p.id:
                problems.append(f"{where}: '{name}' already names '{names[name.casefold()]}'")
            else:
                names[name.casefold()] = p.id
    return problems


def check_geography_refs(content: Content) -> list[str]:
    """Codes the content names (override keys, INSEE codes in conditions) exist in the data."""
    problems: list[str] = []
    geo = content.geo
    for a in content.records.authorities:
        for code in a.overrides:
            if len(code) == 5:
                if code not in geo.communes:
                    problems.append(f"authorities '{a.id}'.overrides: no commune '{code}'")
            elif not DEPT_CODE.match(code) or code not in geo.departements:
                problems.append(f"authorities '{a.id}'.overrides: no département '{code}'")
    for name in ("questions", "pathways"):
        for rec in getattr(content.records, name):
            for loc, cond in conditions_of(rec, f"{name} '{rec.id}'"):
                for leaf in leaves(cond):
                    op = operator(leaf)
                    if op == "answered" or not leaf[op][0].endswith(".insee"):
                        continue
                    for v in leaf[op][1] if op == "in" else [leaf[op][1]]:
                        if geo.place_for_insee(str(v)) is None:
                            problems.append(f"{loc}: no commune with INSEE code '{v}'")
    return problems


def _condition_refs(
    cond: Mapping[str, Any],
    where: str,
    questions: Mapping[str, Question],
    own_question: Question | None,
) -> list[str]:
    problems = []
    for leaf in leaves(cond):
        qid = leaf_question(leaf)
        target = questions.get(qid)
        if target is None:
            problems.append(f"{where}: unknown question '{qid}'")
            continue
        if own_question is not None and target.order >= own_question.order:
            problems.append(
                f"{where}: refers to '{qid}', which is not asked before "
                f"'{own_question.id}' (conditions may only look back)"
            )
        op = operator(leaf)
        if op in ("equals", "in", "contains") and target.kind.has_options:
            options = {o.id for o in target.options}
            values = leaf[op][1] if op == "in" else [leaf[op][1]]
            for v in values:
                if v not in options:
                    problems.append(f"{where}: '{qid}' has no option '{v}'")
        if op == "equals" and target.type == "yes_no" and not isinstance(leaf[op][1], bool):
            problems.append(f"{where}: '{qid}' is yes/no; compare with true or false")
    return problems


REVIEW_DAYS = 365  # a fact not checked against its sources for longer than this is flagged


def review_warnings(records: Records, today: date) -> list[str]:
    """Facts (pathways, their costs and deadlines, documents, authorities) with no review date,
    or not reviewed for more than a year: a reminder to check them again, not a failure."""
    facts: list[tuple[str, Any]] = [(f"facts '{f.id}'", f) for f in records.facts]
    for p in records.pathways:
        facts.append((f"pathways '{p.id}'", p))
        facts += [(f"pathways '{p.id}' cost '{c.id}'", c) for c in p.costs]
        facts += [(f"pathways '{p.id}' deadline '{d.id}'", d) for d in p.deadlines]
    facts += [(f"documents '{d.id}'", d) for d in records.documents]
    facts += [(f"authorities '{a.id}'", a) for a in records.authorities]
    out = []
    for where, fact in facts:
        reviewed = fact.dating.last_reviewed
        if reviewed is None:
            out.append(f"{where}: no last_reviewed date")
        elif (today - date.fromisoformat(reviewed)).days > REVIEW_DAYS:
            out.append(f"{where}: last reviewed {reviewed}, more than a year ago")
    return out


def check_content(
    content: Content, today: date, limit: int | None = None, workers: int = 1
) -> Report:
    """All checks on loaded content, including the walk over every path of every flow (the
    plans of the paths shared among ``workers`` processes)."""
    report = Report(problems=check_records(content.records))
    report.warnings = review_warnings(content.records, today)
    report.counts = {
        "flows": len(content.flows),
        "questions": len(content.all_questions),
        "pathways": len(content.records.pathways),
        "documents": len(content.records.documents),
        "sources": len(content.records.sources),
    }
    if not report.problems:
        report.problems += check_geography_refs(content)
    if report.problems:
        return report  # walking broken content would only repeat the same problems
    for flow in content.flows:
        _walk_flow(content.with_flow(flow), today, limit, report, workers)
    return report


def _walk_flow(
    content: Content, today: date, limit: int | None, report: Report, workers: int = 1
) -> None:
    flow = content.flow
    if not any(p.fallback for p in content.pathways):
        report.problems.append(f"flow '{flow}': no fallback pathway for when nothing applies")
    marks = thresholds(content, today)
    for q in content.questions:
        if not representatives(content, q, today, marks):
            report.problems.append(f"questions '{q.id}': no valid answer to try (check min/max)")
    paths = list(walk(content, today, limit, marks))
    report.paths += len(paths)
    seen_questions = {qid for path in paths for qid in path.order}
    problems, seen_pathways = in_parallel(
        lambda chunk: check_plans(content, chunk, today), paths, workers
    )
    report.problems += problems
    for q in content.questions:
        if q.id not in seen_questions:
            report.problems.append(f"questions '{q.id}': never asked on any path")
    for p in content.pathways:
        if p.id not in seen_pathways:
            report.problems.append(f"pathways '{p.id}': never applies on any path")


def check_plans(content: Content, paths: list[Any], today: date) -> tuple[list[str], set[str]]:
    """Build and put into words the plan of every path: the problems found, in path order, and
    the pathways that applied."""
    flow = content.flow
    problems: list[str] = []
    seen_pathways: set[str] = set()
    rendered_en: set[tuple[str, ...]] = set()
    for path in paths:
        try:
            plan = build_plan(content, path.answers, today)
            # Every plan is put into words in French; in English once per combination of
            # pathways (every pathway's English words are still rendered, at a third of the cost).
            sections(plan, "fr")
            combination = tuple(p.id for p in plan.pathways)
            if combination not in rendered_en:
                rendered_en.add(combination)
                sections(plan, "en")
        except (KeyError, ValueError, TypeError, ConditionError) as exc:
            problems.append(f"flow '{flow}' path {list(path.order)}: plan fails: {exc!r}")
            continue
        if not plan.pathways:
            answers = {k: str(v) for k, v in path.answers.items()}
            problems.append(f"flow '{flow}': dead end, no pathway for {answers}")
            continue
        seen_pathways.update(p.id for p in plan.pathways)
    return problems, seen_pathways


def check(data_dir: Path | None, today: date, workers: int = 1) -> Report:
    """Load the content (bundled, or from ``data_dir``) and check it; never raises: whatever
    goes wrong, however malformed the files, is a named problem in the report. ``workers``:
    how many processes build the paths' plans (see ``parallel``)."""
    stage = "content"
    try:
        tables = read_content_tables(data_dir)
        stage = "content records"
        problems: list[str] = []
        records = read_records(tables, problems)
        problems = problems or check_records(records)
        if problems:
            return Report(problems=problems)
        stage = "geography (geo/departements.json, geo/communes.json)"
        geo = Geography(data_dir)
        problems = check_geography(geo)
        if problems:
            return Report(problems=problems)
        stage = "walk over every path"
        return check_content(Content(records, geo), today, workers=workers)
    except DataError as exc:
        return Report(problems=[str(exc)])
    except RecursionError:
        return Report(problems=[f"{stage}: nested too deeply to read"])
    except Exception as exc:  # noqa: BLE001 - check-data reports, it never raises
        return Report(problems=[f"{stage}: malformed ({type(exc).__name__}: {visible(exc, 200)})"])


def check_geography(geo: Geography) -> list[str]:
    """The geography tables load and hold départements and communes; one line if not."""
    for table, load in (
        ("geo/departements.json", lambda: (geo.departements, geo.arrondissements, geo.meta)),
        ("geo/communes.json", lambda: (c := geo.communes, c.aliases, c.localities)),
        ("geo/names.json", lambda: geo.communes.sorted_names),
    ):
        try:
            loaded = load()
        except DataError as exc:
            return [str(exc)]
        except Exception as exc:  # noqa: BLE001 - any shape problem is reported, never raised
            return [f"{table}: malformed ({type(exc).__name__}: {visible(exc, 200)})"]
        if not loaded or (isinstance(loaded, tuple) and not loaded[0]):
            return [f"{table}: empty"]
    if not geo.departements or not len(geo.communes):
        return ["geography: no département or no commune"]
    return []
