"""One scenario per pathway of every flow, each checking a concrete fact; none left without."""

from __future__ import annotations

import pytest

from .scenario_support import all_text, ids, plan_for

ASYLUM = {"situation": "asylum_apply", "asylum_entry": "in_france"}
BORDER = {"situation": "asylum_apply", "asylum_entry": "border"}
REFUSED = {
    "situation": "asylum_refused",
    "refusal_cnda": "cnda_rejected",
    "refusal_oqtf": "no",
    "refusal_residence": "93",
    "refusal_permit_refused": False,
}
ATHIS = {"situation": "rental", "rental_place": "91200"}
PS_HOLDER = {"situation": "ps_holder", "residence": "93", "travel": False}

# pathway id -> (flow, answers, a fact the plan must state, from the seed the pathway cites)
SCENARIOS: dict[str, tuple[str, dict, str]] = {
    "no_pathway": ("main", {"situation": "other"}, "La Cimade"),
    "ps_holder_first_card": (
        "main",
        {**PS_HOLDER, "ps_card": "none_yet", "married": False, "document_expiry": "2027-03-01"},
        "50 € de timbres fiscaux",
    ),
    "ps_holder_resident_card": (
        "main",
        {**PS_HOLDER, "ps_card": "multi_year", "ps_years": 4, "card_expiry": None},
        "carte de résident de 10 ans",
    ),
    "ps_holder_before_resident": (
        "main",
        {**PS_HOLDER, "ps_card": "multi_year", "ps_years": 1, "card_expiry": None},
        "4 années de résidence régulière",
    ),
    "ps_travel_document": (
        "main",
        {
            **PS_HOLDER,
            "ps_card": "resident",
            "travel": True,
            "travel_minor": False,
            "travel_renewal": False,
        },
        "titre de voyage",
    ),
    "ps_family_card": (
        "main",
        {
            "situation": "ps_family",
            "family_has_card": False,
            "family_link": "spouse",
            "union_kind": "civil_union",
            "reunification": True,
            "residence": "93",
            "document_expiry": None,
        },
        "Visa de plus de 3 mois délivré par le consulat",
    ),
    "ps_family_resident_card": (
        "main",
        {
            "situation": "ps_family",
            "family_has_card": True,
            "residence": "93",
            "document_expiry": "2027-05-31",
        },
        "carte de résident de 10 ans",
    ),
    "ps_family_spouse_not_yet": (
        "main",
        {
            "situation": "ps_family",
            "family_has_card": False,
            "family_link": "spouse",
            "union_kind": "married",
            "reunification": False,
            "union_after_asylum": True,
            "union_date": "2026-06-01",
            "life_together": True,
            "birth_date": "1990-01-01",
            "polygamy_country": False,
            "residence": "93",
            "document_expiry": None,
        },
        "au moins 1 an",
    ),
    "ps_family_child_later": (
        "main",
        {
            "situation": "ps_family",
            "family_has_card": False,
            "family_link": "child",
            "reunification": False,
            "birth_date": "2015-05-05",
            "married": False,
            "residence": "93",
            "document_expiry": None,
        },
        "19e anniversaire",
    ),
    "asylum_border": (
        "main",
        {**BORDER, "border_refused": False, "asylum_minor_alone": True, "asylum_residence": "93"},
        "zone d'attente",
    ),
    "asylum_border_refusal": (
        "main",
        {**BORDER, "border_refused": True, "border_refusal_time": None},
        "48 heures",
    ),
    "asylum_registration": (
        "main",
        {
            **ASYLUM,
            "asylum_stage": "not_registered",
            "asylum_minor_alone": False,
            "asylum_residence": "93",
        },
        "4 photos d'identité",
    ),
    "asylum_ofpra_application": (
        "main",
        {
            **ASYLUM,
            "asylum_stage": "registered",
            "asylum_residence": "93",
            "asylum_procedure": "unknown",
            "asylum_certificate_date": None,
        },
        "21 jours",
    ),
    "asylum_certificate_renewal": (
        "main",
        {
            **ASYLUM,
            "asylum_stage": "at_ofpra",
            "asylum_residence": "93",
            "asylum_procedure": "normal",
        },
        "renouvellement, quelle que soit la procédure, est de 6 mois",
    ),
    "asylum_ofpra_examination": (
        "main",
        {
            **ASYLUM,
            "asylum_stage": "at_ofpra",
            "asylum_residence": "75",
            "asylum_procedure": "accelerated",
        },
        "96 heures",
    ),
    "asylum_cnda_appeal": (
        "main",
        {**ASYLUM, "asylum_stage": "ofpra_refused", "ofpra_decision_date": None},
        "Cour nationale du droit d'asile",
    ),
    "asylum_protection_granted": ("main", {**ASYLUM, "asylum_stage": "granted"}, "titre de voyage"),
    "refusal_humanitarian": (
        "main",
        {**REFUSED, "refusal_grounds": ["humanitarian"]},
        "Dossiers médicaux",
    ),
    "refusal_family": ("main", {**REFUSED, "refusal_grounds": ["family"]}, "enfant français"),
    "refusal_work": ("main", {**REFUSED, "refusal_grounds": ["work"]}, "métier en tension"),
    "refusal_studies": (
        "main",
        {**REFUSED, "refusal_grounds": ["studies"]},
        "formation qualifiante",
    ),
    "refusal_no_ground": ("main", {**REFUSED, "refusal_grounds": []}, "Secours Catholique"),
    "refusal_oqtf_appeal": (
        "main",
        {**REFUSED, "refusal_oqtf": "free", "refusal_oqtf_date": None, "refusal_grounds": []},
        "ne prolonge pas le délai pour contester l'OQTF",
    ),
    "refusal_cnda_appeal_open": (
        "main",
        {**REFUSED, "refusal_cnda": "no_appeal", "refusal_ofpra_date": None, "refusal_grounds": []},
        "dans les 15 jours",
    ),
    "refusal_cnda_pending": (
        "main",
        {**REFUSED, "refusal_cnda": "appeal_pending", "refusal_grounds": []},
        "juge unique",
    ),
    "refusal_permit_appeal": (
        "main",
        {**REFUSED, "refusal_grounds": ["work"], "refusal_permit_refused": True},
        "tribunal administratif",
    ),
    "rental_declaration": (
        "main",
        {**ATHIS, "rental_kind": "whole_main", "rental_days": 60},
        "Cerfa n° 14004*04",
    ),
    "rental_main_over_120": (
        "main",
        {**ATHIS, "rental_kind": "whole_main", "rental_days": 200},
        "10 000 €",
    ),
    "rental_change_of_use": (
        "main",
        {**ATHIS, "rental_kind": "whole_second", "rental_excluded": "none", "rental_days": 200},
        "50 000 €",
    ),
    "rental_second_up_to_120": (
        "main",
        {**ATHIS, "rental_kind": "whole_second", "rental_excluded": "none", "rental_days": 10},
        "Point incertain",
    ),
    "rental_excluded_dwelling": (
        "main",
        {**ATHIS, "rental_kind": "whole_second", "rental_excluded": "foyer"},
        "logements-foyers",
    ),
    "rental_rooms_not_covered": (
        "main",
        {**ATHIS, "rental_kind": "rooms"},
        "chambres chez l'habitant",
    ),
    "rental_tourist_tax": (
        "main",
        {**ATHIS, "rental_kind": "whole_main", "rental_days": 5},
        "taxe de séjour",
    ),
    "rental_other_commune": (
        "main",
        {"situation": "rental", "rental_place": "69001"},
        "pas des règles nationales",
    ),
    "h97_none": ("history_1997", {"h97_category": []}, "questionnaire principal"),
}
CATEGORY_FACTS = {
    "h97_spouse_french": "carte d'identité du conjoint français",
    "h97_spouse_foreigner": "titre de séjour du conjoint",
    "h97_spouse_refugee": "certificat de réfugié",
    "h97_parent_child_born_fr": "acte de naissance de l'enfant",
    "h97_young_16_19": "5 années",
    "h97_children_outside_rf": "SMIC",
    "h97_children_other_union": "garde des enfants",
    "h97_parent_of_adult": "visiteur",
    "h97_long_families": "avis d'imposition",
    "h97_single": "Les étudiants en étaient exclus",
    "h97_ill": "certificat médical",
    "h97_student": "succès significatifs",
    "h97_refugee_no_status": "risques vitaux",
}
for number, (pid, fact) in enumerate(CATEGORY_FACTS.items(), 1):
    option = f"c{number:02d}_{pid.removeprefix('h97_')}"
    SCENARIOS[pid] = ("history_1997", {"h97_category": [option]}, fact)
SCENARIOS["h97_practical_advice"] = (
    "history_1997",
    {"h97_category": ["c12_student"]},
    "recommandé avec accusé de réception",
)


def test_every_pathway_has_a_scenario(content):
    every = {p.id for p in content.records.pathways}
    assert every == set(SCENARIOS)


@pytest.mark.parametrize("pathway_id", sorted(SCENARIOS))
def test_scenario_reaches_its_pathway_and_states_its_fact(content, today, pathway_id):
    flow, answers, fact = SCENARIOS[pathway_id]
    plan = plan_for(content, answers, today, flow=flow)
    assert pathway_id in ids(plan)
    assert fact.lower() in all_text(plan).lower()
    assert plan.archive is (flow == "history_1997")
