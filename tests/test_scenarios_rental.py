"""Short-term tourist rental: Athis-Mons rules only in Athis-Mons (seed 002, first part)."""

from __future__ import annotations

import pytest

from .scenario_support import all_text, ids, pathway, plan_for

ATHIS = "91200"
RULES = "Règlement d'Athis-Mons"


def rental(kind: str, days: int | None = None, excluded: str | None = None, place: str = ATHIS):
    answers = {"situation": "rental", "rental_place": place, "rental_kind": kind}
    if excluded is not None:
        answers["rental_excluded"] = excluded
    if days is not None:
        answers["rental_days"] = days
    return answers


def test_main_residence_60_days_needs_the_declaration_and_no_change_of_use(content, today):
    plan = plan_for(content, rental("whole_main", 60), today)
    assert ids(plan) == ["rental_declaration", "rental_tourist_tax"]
    declaration = pathway(plan, "rental_declaration")
    assert declaration.authority.kind == "mairie"
    assert RULES in declaration.source.articles
    labels = [d.label for d in plan.documents]
    # 002, art. 16: "Le Cerfa n°14004*04 ... à compléter et à signer" and "Une pièce d'identité"
    assert "Cerfa n° 14004*04 complété et signé" in labels
    assert "Une pièce d'identité" in labels
    text = all_text(plan)
    assert "pas d'autorisation de changement d'usage" in text
    assert "dès la première nuitée" in text or "avant la première nuitée" in text
    # 002, art. 18 and 19
    assert any("5 000 €" in w and "art. 18" in w for w in plan.warnings)
    assert any("12 500 € par meublé" in w and "art. 19" in w for w in plan.warnings)
    assert not any("50 000 €" in w for w in plan.warnings)


def test_main_residence_exactly_120_days_is_still_allowed(content, today):
    plan = plan_for(content, rental("whole_main", 120), today)
    assert "rental_main_over_120" not in ids(plan)


def test_main_residence_over_120_days_is_fined_10000(content, today):
    plan = plan_for(content, rental("whole_main", 121), today)
    assert ids(plan) == ["rental_declaration", "rental_main_over_120", "rental_tourist_tax"]
    # 002, art. 8
    assert any("10 000 €" in w and "fin de l'année en cours" in w for w in plan.warnings)


def test_second_home_200_days_needs_both_and_lists_the_50000_fine(content, today):
    plan = plan_for(content, rental("whole_second", 200, excluded="none"), today)
    # The regulation calls the change-of-use authorisation "le point de départ": it comes first.
    assert ids(plan) == ["rental_change_of_use", "rental_declaration", "rental_tourist_tax"]
    assert plan.steps[0].startswith("Commencez par là")
    change = pathway(plan, "rental_change_of_use")
    assert change.authority.kind == "mairie"
    assert "change_of_use_form" in change.documents
    text = all_text(plan)
    # 002, art. 4, 5, 6 and 13
    # art. 4 says "3 ans, renouvelable 3 fois, soit 9 ans": quoted, with the arithmetic noted
    assert "« 3 ans, renouvelable 3 fois, soit 9 ans »" in text and "12 ans" in text
    assert "ne peut pas être cédée" in text
    assert "3 logements au maximum" in text
    assert "n'est pas subordonnée à une compensation" in text
    assert any(
        "50 000 € par logement" in w and "1 000 € par jour et par m²" in w for w in plan.warnings
    )


def test_second_home_up_to_120_days_is_flagged_as_unclear(content, today):
    plan = plan_for(content, rental("whole_second", 90, excluded="none"), today)
    assert ids(plan) == ["rental_declaration", "rental_second_up_to_120", "rental_tourist_tax"]
    assert any("Point incertain" in w for w in plan.warnings)


@pytest.mark.parametrize("excluded", ["social", "service", "caretaker", "foyer"])
def test_excluded_dwellings_get_no_authorisation(content, today, excluded):
    plan = plan_for(content, rental("whole_second", excluded=excluded), today)
    assert ids(plan) == ["rental_excluded_dwelling"]
    assert "exclus de la procédure de changement d'usage" in all_text(plan)


def test_guest_rooms_are_outside_the_regulation(content, today):
    plan = plan_for(content, rental("rooms"), today)
    assert ids(plan) == ["rental_rooms_not_covered"]
    assert "chambres d'hôtes" in all_text(plan)


def test_tourist_tax_duties_exemptions_and_return(content, today):
    plan = plan_for(content, rental("whole_main", 30), today)
    text = all_text(plan)
    # 002, art. 22-25, 30, 32
    assert "par personne et par" in text
    assert "les mineurs" in text and "contrat de travail saisonnier" in text
    assert "deux fois par an" in text
    tax_return = next(d for d in plan.documents if d.id == "tourist_tax_return")
    for field in ("date de début du séjour", "nombre de nuitées", "numéro d'enregistrement"):
        assert field in tax_return.details
    assert any("750 € à 12 000 €" in w for w in plan.warnings)


@pytest.mark.parametrize("place", ["75001", "93200"])
def test_other_communes_are_never_given_athis_mons_rules_as_national(content, today, place):
    plan = plan_for(content, {"situation": "rental", "rental_place": place}, today)
    assert ids(plan) == ["rental_other_commune"]
    result = pathway(plan, "rental_other_commune")
    assert result.authority.kind == "mairie"
    assert "Ce ne sont pas des règles nationales" in result.summary
    text = all_text(plan)
    # No Athis-Mons rule (form, municipal fines) given as national; national law (loi Le Meur)
    # applies everywhere and is said to be national.
    assert "Cerfa" not in text and "règlement d'Athis-Mons, art." not in text
    assert "amende de 5 000 €" not in text and "12 500 €" not in text and "50 000 €" not in text
    assert "loi Le Meur" in text and "10 000 €" in text and "15 000 €" in text


def test_athis_mons_plans_say_the_rules_are_local(content, today):
    plan = plan_for(content, rental("whole_main", 10), today)
    assert any("ne s'appliquent pas telles quelles ailleurs" in n.text for n in plan.notes)


def test_athis_mons_plans_state_the_loi_le_meur_with_a_caution(content, today):
    plan = plan_for(content, rental("whole_main", 200), today)
    le_meur = [w for w in plan.warnings if "loi Le Meur" in w]
    assert len(le_meur) == 1  # one sentence, however many pathways carry it
    assert "20 mai 2026" in le_meur[0] and "90 jours" in le_meur[0]
    assert "15 000 €" in le_meur[0] and "Cette règle a pu changer" in le_meur[0]
    # the municipal fine of the seed stays, as the regulation's own figure
    assert any("10 000 €" in w and "art. 8" in w for w in plan.warnings)
