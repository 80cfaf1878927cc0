"""Walk every path through every flow and check each ends in a valid, sourced plan."""

from __future__ import annotations

import json
import re
from pathlib import Path

from parcours.wizard.answers import parse_answers, to_raw
from parcours.wizard.flow import step
from parcours.wizard.render import plan_json
from parcours.wizard.walk import walk

from .scenario_support import view

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"  # the seeds beside the checkout, always there in CI
SEED_FILE = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
PLAN_KEYS = {
    "pathways",
    "authority",
    "documents",
    "steps",
    "deadlines",
    "costs",
    "recourse",
    "sources",
    "warnings",
}


def check_plan(neutral, flow, lang):
    plan = view(neutral, lang)
    data = plan_json(plan.words)
    assert PLAN_KEYS <= set(data)
    json.dumps(data, ensure_ascii=False)  # serialisable as the protocol's PLAN
    assert plan.pathways, "every path ends in at least one pathway (or the fallback)"
    for p in plan.pathways:
        assert p.title and p.status in ("current", "archive")
        assert p.reasons, f"{p.id}: a plan says why each pathway applies"
        if flow == "main":
            assert p.status == "current", f"{p.id}: archive content only in its own flow"
    for d in plan.documents:
        assert d.label and d.source.file
    for c in plan.costs:
        assert c.amount_eur >= 0 and c.source.file
    for d in plan.deadlines:
        assert d.rule and d.source.file
        assert (d.date is None) == (d.urgency is None)
    for s in plan.sources:
        assert SEED_FILE.match(s.file), s.file
        assert (SEEDS / s.file).is_file(), f"source {s.file} is not a seed (looked in {SEEDS})"
    if any(p.status == "archive" for p in plan.pathways):
        assert plan.warnings and "ARCHIVE" in plan.warnings[0]


def test_every_path_ends_in_a_valid_plan(content, today):
    assert SEEDS.is_dir(), f"seeds folder not found at {SEEDS}: every plan source is checked in it"
    total = 0
    for flow in content.flows:
        flowed = content.with_flow(flow)
        paths = list(walk(flowed, today))
        assert paths, f"flow {flow} has no complete path"
        pathways_seen = set()
        for path in paths:
            # Through the protocol: typed answers -> raw JSON values -> step() again.
            by_id = flowed.question_by_id
            raw = {qid: to_raw(by_id[qid], value) for qid, value in path.answers.items()}
            json.dumps(raw)
            assert parse_answers(flowed, raw, today) == path.answers
            result = step(flowed, raw, today)
            assert result.done, f"{flow} {path.order}: still asks {result.question}"
            assert result.dropped == ()
            check_plan(result.plan, flow, "fr")
            check_plan(result.plan, flow, "en")
            pathways_seen.update(p.id for p in result.plan.pathways)
        assert pathways_seen == {p.id for p in flowed.pathways}
        total += len(paths)
        print(f"flow {flow}: {len(paths)} paths walked, {len(pathways_seen)} pathways reached")
    print(f"total: {total} paths")
