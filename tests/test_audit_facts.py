"""Facts checked against the seeds during the content audit, asserted through the engine.

Each test quotes the seed line it guards: a later data edit that drifts from the seed fails.
"""

from __future__ import annotations

from datetime import date

import pytest

from .scenario_support import all_text, deadline, ids, pathway, plan_for

TODAY = date(2026, 11, 23)
FAMILY = {"situation": "ps_family", "residence": "93200", "document_expiry": "2027-05-31"}


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
    ("birth_date", "extra", "entitled"),
    [
        # 001 l.6: "Vos enfants, non mariés, n'ayant pas dépassé leur 19ème anniversaire"
        ("2008-01-01", {}, True),  # 18 years old
        ("2007-11-22", {}, False),  # 19 years old since yesterday
        # 001 l.6: "(ou dès 16 ans s'ils souhaitent travailler)"
        ("2010-01-01", {"child_work": True}, True),  # 16, wants to work
        ("2010-01-01", {"child_work": False}, False),  # 16, does not want to work: later
    ],
)
def test_child_card_follows_the_19th_birthday_and_16_to_work_rules(
    content, birth_date, extra, entitled
):
    plan = plan_for(content, child(birth_date, **extra), TODAY)
    assert ("ps_family_card" in ids(plan)) is entitled, ids(plan)


def test_married_child_is_not_entitled(content):
    # 001 l.6: only "non mariés" children; a married child gets no family card
    answers = {**child("2008-01-01"), "married": True}
    plan = plan_for(content, answers, TODAY)
    assert "ps_family_card" not in ids(plan)


def test_concubin_only_through_family_reunification(content):
    # 001 l.4: "époux(se), concubin(e) ou partenaire ... au titre de la réunification familiale"
    # 001 l.5: otherwise only "époux(se) ou partenaire d'union civile" (no concubin)
    base = {**FAMILY, "family_link": "spouse", "union_kind": "concubinage"}
    assert "ps_family_card" in ids(plan_for(content, {**base, "reunification": True}, TODAY))
    assert "ps_family_card" not in ids(plan_for(content, {**base, "reunification": False}, TODAY))


def spouse(union_date: str, birth_date: str) -> dict[str, object]:
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


def test_spouse_after_asylum_needs_one_year_of_marriage_and_18_years(content):
    # 001 l.5: "âgé(e) d'au moins 18 ans ... depuis au moins 1 an, avec une communauté de vie"
    def plan_of(union_date: str, birth_date: str):
        return plan_for(content, spouse(union_date, birth_date), TODAY)

    assert "ps_family_card" in ids(plan_of("2025-11-23", "1990-01-01"))
    waiting = plan_of("2026-06-01", "1990-01-01")
    assert "ps_family_card" not in ids(waiting)
    assert deadline(waiting, "union_one_year").date == date(2027, 6, 1)


def test_subsidiary_protection_figures(content):
    holder = {
        "situation": "ps_holder",
        "ps_card": "none_yet",
        "married": False,
        "residence": "93200",
        "document_expiry": "2027-05-31",
        "travel": True,
        "travel_minor": False,
        "travel_renewal": False,
    }
    plan = plan_for(content, holder, TODAY)
    # 001 l.46: "Vous devez régler 25 € (droit de timbre) par timbres fiscaux."
    assert [c.amount_eur for c in plan.costs if c.id == "card_stamp_duty"] == [25]
    # 001 l.81-83: travel document 40 € or 45 € "selon la catégorie de titre de séjour"; the data
    # reads 40 € for the multi-year card (labels lost in the seed's extraction, see report)
    assert [c.amount_eur for c in plan.costs if c.id.startswith("tiv_fee")] == [40]
    # 001 l.42: "au plus tôt 4 mois et au plus tard 2 mois avant la fin de validité"
    assert deadline(plan, "request_window_opens").date == date(2027, 1, 31)
    assert deadline(plan, "request_window_closes").date == date(2027, 3, 31)
    # 001 l.3 and l.51: the card lasts "4 ans maximum" (004's one-year card is history only)
    card = pathway(plan, "ps_holder_first_card")
    assert "4 ans" in card.summary and card.status == "current"


def test_resident_card_after_four_years_only(content):
    # 001 l.53-55: after 4 years with the card, the 10-year resident card
    base = {"situation": "ps_holder", "ps_card": "multi_year", "card_expiry": "2027-03-01"}
    extra = {"residence": "93200", "travel": False}
    four = plan_for(content, {**base, "ps_years": 4, **extra}, TODAY)
    three = plan_for(content, {**base, "ps_years": 3, **extra}, TODAY)
    assert "ps_holder_resident_card" in ids(four) and "ps_holder_resident_card" not in ids(three)
    assert "ps_holder_before_resident" in ids(three)
    # 001 l.54: "dans les 2 mois précédant la date d'expiration de votre carte de séjour"
    assert deadline(four, "resident_window_opens").date == date(2027, 1, 1)


def test_asylum_time_limits(content):
    registered = {
        "situation": "asylum_apply",
        "asylum_entry": "in_france",
        "asylum_stage": "registered",
        "asylum_residence": "93200",
        "asylum_procedure": "normal",
        "asylum_certificate_date": "2026-11-10",
    }
    plan = plan_for(content, registered, TODAY)
    # 002 l.713: "vous avez 21 jours pour adresser votre demande à l'Ofpra"
    assert deadline(plan, "ofpra_21_days").date == date(2026, 12, 1)
    # 002 l.801-805: 10 months (normal), 6 months (accelerated), renewal 6 months
    assert deadline(plan, "certificate_end_normal").date == date(2027, 9, 10)
    accelerated = plan_for(content, {**registered, "asylum_procedure": "accelerated"}, TODAY)
    assert deadline(accelerated, "certificate_end_accelerated").date == date(2027, 5, 10)
    text = all_text(plan)
    assert "8 jours de plus" in text  # 002 l.789
    assert (
        "dans les 3 jours ouvrés (10 jours en cas d'arrivée massive" not in text
    )  # registration done


def test_border_refusal_time_limits(content):
    answers = {"situation": "asylum_apply", "asylum_entry": "border", "border_refused": True}
    text = all_text(plan_for(content, answers, TODAY))
    # 002 l.465, l.471, l.473
    assert "48 heures" in text and "72 heures" in text and "15 jours" in text
    assert "n'est pas suspensif" in text
