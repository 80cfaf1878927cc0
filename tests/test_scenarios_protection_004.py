"""What seed 004 (2015-2016) adds to the protection subsidiaire plans, not contradicting 001."""

from __future__ import annotations

from .scenario_support import ids, plan_for

SEED_004 = "004_d7625e7f4635bf82.txt"
FIRST_CARD = {
    "situation": "ps_holder",
    "ps_card": "none_yet",
    "married": False,
    "residence": "93",
    "document_expiry": None,
    "travel": False,
}


def notes_from_004(plan) -> list[str]:
    return [n.text for n in plan.notes if n.source and n.source.file == SEED_004]


def test_first_card_gets_the_receipt_and_withdrawal_rules_as_older_guidance(content, today):
    plan = plan_for(content, FIRST_CARD, today)
    assert ids(plan) == ["ps_holder_first_card"]
    older = notes_from_004(plan)
    assert any("8 jours" in n and "valable 6 mois" in n and "profession" in n for n in older)
    assert any("au moins 5 ans" in n and "4 mois" in n for n in older)
    assert all(n.startswith("D'après un guide juridique de 2015-2016") for n in older)
    # The superseded guide's caveat informs (a note), it is not the plan's first warning.
    assert any("menace pour l'ordre public" in n for n in older)
    assert not any("menace pour l'ordre public" in w for w in plan.warnings)
    # 001 stands where they disagree: the 4-year card; the 1-year card only as history.
    assert "4 ans" in plan.pathways[0].title
    assert any("d'un an" in h.text for h in plan.history)


def test_long_term_resident_card_with_resources_at_least_the_smic(content, today):
    plan = plan_for(
        content,
        {
            "situation": "ps_holder",
            "ps_card": "multi_year",
            "ps_years": 2,
            "card_expiry": None,
            "residence": "93",
            "travel": False,
        },
        today,
    )
    assert "ps_holder_before_resident" in ids(plan)
    older = notes_from_004(plan)
    assert any("résident de longue durée-UE" in n and "SMIC" in n for n in older)
