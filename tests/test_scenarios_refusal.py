"""Residence permit after a final asylum refusal (seed 000)."""

from __future__ import annotations

from datetime import date

import pytest

from .scenario_support import all_text, deadline, ids, pathway, plan_for

SEED = "000_a33a34ef8bb5765b.txt"
ASSOCIATIONS = ("La Cimade", "France Terre d'Asile", "Gisti", "Secours Catholique")


def refused(
    grounds: list[str],
    permit_refused: bool = False,
    place: str = "93",
    cnda: str = "cnda_rejected",
    oqtf: str = "no",
    **more,
) -> dict:
    return {
        "situation": "asylum_refused",
        "refusal_cnda": cnda,
        "refusal_oqtf": oqtf,
        **more,
        "refusal_grounds": grounds,
        "refusal_residence": place,
        "refusal_permit_refused": permit_refused,
    }


@pytest.mark.parametrize(
    ("ground", "pathway_id", "key_document"),
    [
        (
            "humanitarian",
            "refusal_humanitarian",
            "Dossiers médicaux (si vous demandez un titre pour soins)",
        ),
        (
            "family",
            "refusal_family",
            "Preuves de votre vie familiale en France (actes de mariage, "
            "certificats de naissance, etc.)",
        ),
        ("work", "refusal_work", "Attestations de travail ou promesse d'embauche"),
        (
            "studies",
            "refusal_studies",
            "Preuves de votre intégration (certificats de formation, "
            "engagements associatifs, etc.)",
        ),
    ],
)
def test_each_ground_files_at_the_prefecture_with_its_documents(
    content, today, ground, pathway_id, key_document
):
    plan = plan_for(content, refused([ground]), today)
    assert ids(plan) == [pathway_id]
    result = pathway(plan, pathway_id)
    assert result.authority.name == "Préfecture de la Seine-Saint-Denis (Bobigny)"
    assert result.source.file == SEED
    labels = [d.label for d in plan.documents]
    assert "Passeport (si possible) ou documents d'identité" in labels
    assert "Justificatif de domicile en France" in labels
    assert key_document in labels
    text = all_text(plan)
    # 000, section 3: appointment, complete file, receipt
    assert "Prenez rendez-vous" in text and "dossier complet" in text and "récépissé" in text
    # 000, section 4: recours gracieux / contentieux, lawyer or association
    recourse = " ".join(n.text for n in plan.recourse)
    assert "recours gracieux" in recourse and "tribunal administratif" in recourse
    assert all(name in recourse for name in ASSOCIATIONS)


def test_several_grounds_give_several_pathways_and_merge_documents(content, today):
    plan = plan_for(content, refused(["family", "work"]), today)
    assert ids(plan) == ["refusal_family", "refusal_work"]
    doc_ids = [d.id for d in plan.documents]
    assert len(doc_ids) == len(set(doc_ids))
    assert {"ref_family", "ref_work", "ref_integration"} <= set(doc_ids)


def test_why_names_the_ground(content, today):
    plan = plan_for(content, refused(["humanitarian", "studies"]), today)
    reasons = " ".join(pathway(plan, "refusal_studies").reasons)
    assert "formation qualifiante et ressources" in reasons


def test_no_ground_points_to_the_associations(content, today):
    plan = plan_for(content, refused([]), today)
    assert ids(plan) == ["refusal_no_ground"]
    result = pathway(plan, "refusal_no_ground")
    assert all(name in result.authority.name for name in ASSOCIATIONS)


def test_refused_permit_gives_both_appeals_and_no_invented_time_limit(content, today):
    plan = plan_for(content, refused([], permit_refused=True), today)
    assert ids(plan) == ["refusal_no_ground", "refusal_permit_appeal"]
    text = all_text(plan)
    assert "Recours gracieux" in text and "Recours contentieux" in text
    # The court appeal comes first: a recours gracieux does not stop the court deadline when an
    # OQTF comes with the refusal (service-public F18362).
    assert text.index("Recours contentieux") < text.index("Recours gracieux")
    assert "ne prolonge pas le délai pour aller au tribunal" in text
    # 000 gives no time limit: the two months of the 1997 guide must not leak into a current plan.
    assert "deux mois" not in text and "2 mois" not in text
    assert any("écrit sur la décision de refus" in w for w in plan.warnings)


# -- brought up to date (issue 12): OQTF first, the CNDA question ---------------------------------


def test_final_refusal_with_an_oqtf_gets_the_court_appeal_first(content, today):
    """Acceptance: finally refused, OQTF notified: the court appeal comes first, with its time
    limit (1 month since 15 July 2024, SP F18362) and the recours gracieux warning."""
    answers = refused(["family"], permit_refused=True, oqtf="free", refusal_oqtf_date="2026-11-10")
    plan = plan_for(content, answers, today)
    assert ids(plan)[0] == "refusal_oqtf_appeal"
    assert "tribunal administratif" in plan.steps[0] and "recours gracieux" in plan.steps[0]
    oqtf = deadline(plan, "oqtf_appeal_general")
    assert oqtf.date == date(2026, 12, 10) and oqtf.urgency == "urgent"
    assert "1 mois" in oqtf.rule and "a pu changer" in oqtf.rule
    assert plan.warnings[0].startswith("Un recours gracieux auprès du préfet")
    assert "ne prolonge pas le délai" in plan.warnings[0]
    sources = [s.file for s in plan.sources]
    assert "https://www.service-public.gouv.fr/particuliers/vosdroits/F18362" in sources


@pytest.mark.parametrize(
    ("situation", "limit", "words", "dated"),
    [
        ("house_arrest", "oqtf_appeal_house_arrest", "7 jours", True),
        ("detention", "oqtf_appeal_detention", "48 heures", False),
    ],
)
def test_oqtf_time_limit_follows_house_arrest_or_detention(
    content, today, situation, limit, words, dated
):
    answers = refused([], oqtf=situation)
    if dated:
        answers["refusal_oqtf_date"] = "2026-11-20"
    plan = plan_for(content, answers, today)
    found = deadline(plan, limit)
    assert words in found.label
    assert (found.date == date(2026, 11, 27)) if dated else found.date is None
    assert "oqtf_appeal_general" not in [d.id for d in plan.deadlines]


@pytest.mark.parametrize(
    ("situation", "said"),
    [("free", True), ("unsure", True), ("house_arrest", False), ("detention", False)],
)
def test_legal_aid_interrupting_the_one_month_limit_is_said_only_where_it_may_apply(
    content, today, situation, said
):
    """InfoMIE gives the interruption by a legal aid request for the 1-month case only: a person
    under house arrest (7 days) or in detention (48 hours) must not read of a 1-month limit."""
    answers = refused([], oqtf=situation)
    if situation in ("free", "house_arrest"):
        answers["refusal_oqtf_date"] = "2026-11-20"
    plan = plan_for(content, answers, today)
    aid = [s for s in plan.steps if "aide juridictionnelle" in s and "interrompt" in s]
    assert bool(aid) is said
    if said:
        assert "1 mois" in aid[0]


def test_unsure_about_the_oqtf_lists_every_time_limit_without_dates(content, today):
    plan = plan_for(content, refused([], oqtf="unsure"), today)
    assert {d.id for d in plan.deadlines} == {
        "oqtf_appeal_general",
        "oqtf_appeal_house_arrest",
        "oqtf_appeal_detention",
    }
    assert all(d.date is None for d in plan.deadlines)


def test_no_oqtf_no_oqtf_pathway(content, today):
    plan = plan_for(content, refused(["work"]), today)
    assert "refusal_oqtf_appeal" not in ids(plan)


def test_refused_by_ofpra_without_cnda_appeal_keeps_the_cnda_deadline(content, today):
    """'Définitivement refusée' picked after an Ofpra rejection alone: the one-month CNDA time
    limit must not disappear."""
    answers = refused(["work"], cnda="no_appeal", refusal_ofpra_date="2026-11-02")
    plan = plan_for(content, answers, today)
    assert ids(plan)[0] == "refusal_cnda_appeal_open"
    cnda = deadline(plan, "cnda_appeal")
    assert cnda.date == date(2026, 12, 2)
    text = all_text(plan)
    assert "15 jours" in text and "espace numérique personnel" in text
    assert "cette règle a pu changer" in text.lower()


def test_cnda_appeal_pending_says_the_right_to_stay_can_end_early(content, today):
    plan = plan_for(content, refused([], cnda="appeal_pending"), today)
    assert ids(plan)[0] == "refusal_cnda_pending"
    text = all_text(plan)
    assert "pays d'origine sûr" in text and "juge unique" in text
