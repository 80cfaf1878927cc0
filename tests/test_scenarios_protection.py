"""Protection subsidiaire: the holder's card, the resident card, family members' cards.

Each test quotes the line of seed 001 it guards: a later data edit that drifts from the seed
fails.
"""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import HOLDER_93
from .scenario_support import deadline, ids, pathway, plan_for

FAMILY = {"situation": "ps_family", "residence": "93200", "document_expiry": "2027-05-31"}


def test_holder_first_card_facts(content, today):
    travel = {"travel": True, "travel_minor": False, "travel_renewal": False}
    plan = plan_for(content, {**HOLDER_93, **travel}, today)
    assert ids(plan) == ["ps_holder_first_card", "ps_travel_document"]
    card = pathway(plan, "ps_holder_first_card")
    # 001 l.3 and l.51: the card lasts "4 ans maximum" (004's one-year card is history only)
    assert "4 ans" in card.title and "4 ans" in card.summary and card.status == "current"
    assert any("protection subsidiaire" in r for r in card.reasons)
    assert plan.authority.name == "Préfecture de la Seine-Saint-Denis (Bobigny)"
    # 001 l.46: "Vous devez régler 25 € (droit de timbre) par timbres fiscaux."
    assert [c.amount_eur for c in plan.costs if c.id == "card_stamp_duty"] == [25]
    # 001 l.81-83: travel document 40 € or 45 € "selon la catégorie de titre de séjour"; the data
    # reads 40 € for the multi-year card (labels lost in the seed, said in the plan)
    assert [c.amount_eur for c in plan.costs if c.id.startswith("tiv_fee")] == [40]
    documents = [d.id for d in plan.documents]
    assert "ps_decision" in documents and "no_polygamy" not in documents
    # 001 l.42: "au plus tôt 4 mois et au plus tard 2 mois avant la fin de validité"
    assert deadline(plan, "request_window_opens").date == date(2027, 1, 31)
    assert deadline(plan, "request_window_closes").date == date(2027, 3, 31)
    assert plan.sources[0].file == "001_ea53023f652ac328.txt"


def test_resident_card_after_four_years_only(content, today):
    # 001 l.53-55: after 4 years with the card, the 10-year resident card
    base = {"situation": "ps_holder", "ps_card": "multi_year", "card_expiry": "2027-03-01"}
    extra = {"residence": "93200", "travel": False}
    four = plan_for(content, {**base, "ps_years": 4, **extra}, today)
    three = plan_for(content, {**base, "ps_years": 3, **extra}, today)
    assert ids(four) == ["ps_holder_resident_card"] and "10 ans" in four.pathways[0].title
    assert ids(three) == ["ps_holder_before_resident"]
    # 001 l.54: "dans les 2 mois précédant la date d'expiration de votre carte de séjour"
    assert deadline(four, "resident_window_opens").date == date(2027, 1, 1)


def child(birth_date: str, **extra: object) -> dict[str, object]:
    return {
        **FAMILY,
        "family_link": "child",
        "reunification": False,
        "birth_date": birth_date,
        "married": False,
        **extra,
    }


@pytest.mark.parametrize(
    ("birth_date", "extra", "expected"),
    [
        # 001 l.6: "Vos enfants, non mariés, n'ayant pas dépassé leur 19ème anniversaire"
        ("2008-01-01", {}, "ps_family_card"),  # 18 years old
        ("2007-11-22", {}, "no_pathway"),  # 19 years old since yesterday
        # 001 l.6: "(ou dès 16 ans s'ils souhaitent travailler)"
        ("2010-01-01", {"child_work": True}, "ps_family_card"),  # 16, wants to work
        ("2010-01-01", {"child_work": False}, "ps_family_child_later"),  # 16: later
        ("2015-01-10", {}, "ps_family_child_later"),  # 11: at 16 or 18
    ],
)
def test_child_card_until_the_19th_birthday_or_from_16_to_work(
    content, today, birth_date, extra, expected
):
    plan = plan_for(content, child(birth_date, **extra), today)
    assert ids(plan) == [expected]


def test_child_card_deadline_is_the_19th_birthday(content, today):
    plan = plan_for(content, child("2008-01-10"), today)
    assert deadline(plan, "child_19th_birthday").date == date(2027, 1, 10)


def test_married_child_is_not_entitled(content, today):
    # 001 l.6: only "non mariés" children; a married child gets no family card
    plan = plan_for(content, {**child("2008-01-01"), "married": True}, today)
    assert "ps_family_card" not in ids(plan)


def test_child_who_came_through_family_reunification_needs_the_ofii_certificate(content, today):
    # 001: "S'il est arrivé en France au titre de la réunification familiale : certificat
    # médical délivré par l'Ofii" applies to any family member, not only spouses.
    came = plan_for(content, {**child("2008-01-10"), "reunification": True}, today)
    other = plan_for(content, child("2008-01-10"), today)
    assert "ofii_medical" in [d.id for d in came.documents]
    assert "ofii_medical" not in [d.id for d in other.documents]
    assert ids(came) == ids(other) == ["ps_family_card"]


def test_concubin_only_through_family_reunification(content, today):
    # 001 l.4: "époux(se), concubin(e) ou partenaire ... au titre de la réunification familiale"
    # 001 l.5: otherwise only "époux(se) ou partenaire d'union civile" (no concubin)
    base = {**FAMILY, "family_link": "spouse", "union_kind": "concubinage"}
    assert "ps_family_card" in ids(plan_for(content, {**base, "reunification": True}, today))
    assert "ps_family_card" not in ids(plan_for(content, {**base, "reunification": False}, today))


def spouse(union_date: str, birth_date: str = "1990-01-01") -> dict[str, object]:
    return {
        **FAMILY,
        "family_link": "spouse",
        "union_kind": "married",
        "reunification": False,
        "union_after_asylum": True,
        "union_date": union_date,
        "life_together": True,
        "birth_date": birth_date,
        "polygamy_country": False,
    }


def test_spouse_after_asylum_needs_one_year_of_marriage_and_18_years(content, today):
    # 001 l.5: "âgé(e) d'au moins 18 ans ... depuis au moins 1 an, avec une communauté de vie"
    married = plan_for(content, spouse("2025-11-23"), today)
    assert ids(married) == ["ps_family_card"]
    assert "link_marriage" in [d.id for d in married.documents]
    assert any("au moins 1 an" in r for r in married.pathways[0].reasons)
    waiting = plan_for(content, spouse("2026-06-01"), today)
    assert ids(waiting) == ["ps_family_spouse_not_yet"]
    assert deadline(waiting, "union_one_year").date == date(2027, 6, 1)
    # Married for over a year but 17 years old today: not (yet) entitled.
    minor = plan_for(content, spouse("2025-01-10", birth_date="2009-06-01"), today)
    assert "ps_family_card" not in ids(minor)
