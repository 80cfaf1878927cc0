"""Residence permit after a final asylum refusal (seed 000)."""

from __future__ import annotations

import pytest

from .scenario_support import all_text, ids, pathway, plan_for

SEED = "000_a33a34ef8bb5765b.txt"
ASSOCIATIONS = ("La Cimade", "France Terre d'Asile", "Gisti", "Secours Catholique")


def refused(grounds: list[str], permit_refused: bool = False, place: str = "93") -> dict:
    return {
        "situation": "asylum_refused",
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
    # 000 gives no time limit: the two months of the 1997 guide must not leak into a current plan.
    assert "deux mois" not in text and "2 mois" not in text
    assert any("ne donne pas de délai" in w for w in plan.warnings)
