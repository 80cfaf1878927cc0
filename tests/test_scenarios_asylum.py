"""Asylum application scenarios (seed 002, second part), each fact checked against the seed."""

from __future__ import annotations

from datetime import date

import pytest

from .scenario_support import all_text, deadline, ids, pathway, plan_for

SEED = "002_cf90af5d33ee6442.txt"
IN_FRANCE = {"situation": "asylum_apply", "asylum_entry": "in_france"}


def test_ofpra_refusal_gives_the_cnda_deadline_one_month_after_notification(content, today):
    # 002: "recours devant la CNDA dans le délai d'un mois suivant la notification"
    plan = plan_for(
        content,
        {**IN_FRANCE, "asylum_stage": "ofpra_refused", "ofpra_decision_date": "2026-11-02"},
        today,
    )
    assert ids(plan) == ["asylum_cnda_appeal"]
    cnda = deadline(plan, "cnda_appeal")
    assert cnda.date == date(2026, 12, 2)
    assert cnda.urgency == "urgent" and cnda.days_left == 9
    assert cnda.source.file == SEED
    assert "CNDA" in pathway(plan, "asylum_cnda_appeal").authority.name
    # 002: without an appeal, a refusal of residence with an OQTF follows.
    assert any("OQTF" in w for w in plan.warnings)


def test_cnda_deadline_clamps_to_the_end_of_a_shorter_month(content, today):
    plan = plan_for(
        content,
        {**IN_FRANCE, "asylum_stage": "ofpra_refused", "ofpra_decision_date": "2026-01-31"},
        today,
    )
    cnda = deadline(plan, "cnda_appeal")
    # CPC art. 641: no 31 February, so the last day of the month; 28 February 2026 is a
    # Saturday, so the end moves to Monday 2 March (art. 642).
    assert cnda.moved_from == date(2026, 2, 28)
    assert cnda.date == date(2026, 3, 2) and cnda.weekday == "lundi"
    assert cnda.moved == "reporté au lundi 2 mars : le 28 février est un samedi"
    assert cnda.urgency == "passed"


def test_cnda_deadline_without_the_date_gives_the_rule_only(content, today):
    plan = plan_for(
        content,
        {**IN_FRANCE, "asylum_stage": "ofpra_refused", "ofpra_decision_date": None},
        today,
    )
    cnda = deadline(plan, "cnda_appeal")
    assert cnda.date is None
    assert "1 mois" in cnda.rule
    assert "cette règle a pu changer" in cnda.rule.lower()  # June 2026 decrees


@pytest.mark.parametrize("minor", [True, False])
def test_registration_goes_through_spada_then_the_guda(content, today, minor):
    plan = plan_for(
        content,
        {
            **IN_FRANCE,
            "asylum_stage": "not_registered",
            "asylum_minor_alone": minor,
            "asylum_residence": "93",
        },
        today,
    )
    assert ids(plan) == ["asylum_registration"]
    text = all_text(plan)
    labels = [d.label for d in plan.documents]
    # 002: "4 photos d'identité"; "vous n'êtes pas obligé de fournir un justificatif de domicile"
    assert "4 photos d'identité" in labels
    assert "vous n'êtes pas obligé(e) de fournir un justificatif de domicile" in text
    assert "Spada" in text and "GUDA" in text
    # 002: fingerprints "sauf si vous avez moins de 14 ans"; registration within 3 working days
    assert "moins de 14 ans" in text
    assert "3 jours ouvrés" in text
    # 002: an unaccompanied minor gets an ad hoc administrator
    assert ("administrateur ad hoc" in text) is minor
    # Certificate validity: 10 months normal, 6 months accelerated.
    assert "10 mois en procédure normale et 6 mois en procédure accélérée" in text


def test_border_entry_admitted_then_spada(content, today):
    plan = plan_for(
        content,
        {
            "situation": "asylum_apply",
            "asylum_entry": "border",
            "border_refused": False,
            "asylum_minor_alone": False,
            "asylum_residence": "75",
        },
        today,
    )
    assert ids(plan) == ["asylum_border", "asylum_registration"]
    border = pathway(plan, "asylum_border")
    assert "Police aux frontières" in border.authority.name
    text = all_text(plan)
    assert "visa de régularisation de 8 jours" in text
    assert "zone d'attente" in text
    assert any("8 jours" in w for w in plan.warnings)


def test_border_refusal_48_hours_72_hours_15_days_not_suspensive(content, today):
    plan = plan_for(
        content,
        {
            "situation": "asylum_apply",
            "asylum_entry": "border",
            "border_refused": True,
            "border_refusal_time": "2026-11-22T21:15",
        },
        today,
    )
    assert ids(plan) == ["asylum_border_refusal"]
    # 48 hours from Sunday 22 November 2026 at 21:15: Tuesday 24 November at 21:15.
    appeal = deadline(plan, "border_refusal_appeal")
    assert appeal.date == date(2026, 11, 24) and appeal.time == "21:15"
    assert appeal.when.startswith("mardi 24 novembre 2026 à 21:15")
    assert appeal.moved_from is None
    refusal = pathway(plan, "asylum_border_refusal")
    assert refusal.authority.name.startswith("Tribunal administratif")
    text = all_text(plan)
    assert "dans les 48 heures de la notification du refus" in text
    assert "72 heures" in text
    assert "dans les 15 jours" in text and "cour administrative d'appel" in text
    assert "n'est pas suspensif" in text
    assert "avocat" in text and "interprète" in text


def test_ofpra_form_within_21_days_with_dated_deadlines(content, today):
    plan = plan_for(
        content,
        {
            **IN_FRANCE,
            "asylum_stage": "registered",
            "asylum_residence": "93",
            "asylum_procedure": "normal",
            "asylum_certificate_date": "2026-11-10",
        },
        today,
    )
    assert ids(plan) == ["asylum_ofpra_application", "asylum_certificate_renewal"]
    # 002: "vous avez 21 jours pour adresser votre demande à l'Ofpra"
    assert deadline(plan, "ofpra_21_days").date == date(2026, 12, 1)
    # 002: certificate "valable 10 mois dans le cas d'une procédure normale"
    assert deadline(plan, "certificate_end_normal").date == date(2027, 9, 10)
    assert "Ofpra" in pathway(plan, "asylum_ofpra_application").authority.name
    # Renewal happens at the préfecture of the département of residence.
    assert pathway(plan, "asylum_certificate_renewal").authority.name == (
        "Préfecture de la Seine-Saint-Denis (Bobigny)"
    )
    text = all_text(plan)
    assert "rédigé en français, daté et signé" in text
    assert "recommandé avec accusé de réception" in text
    assert "8 jours de plus" in text
    assert "photocopies de tout le dossier" in text
    # Registration is done: the "3 jours ouvrés" registration limit no longer applies.
    assert "dans les 3 jours ouvrés (10 jours en cas d'arrivée massive" not in text
    # 002: proofs of address accepted at renewal
    proof = next(d for d in plan.documents if d.id == "asy_proof_address")
    for accepted in (
        "centre d'accueil pour demandeurs d'asile",
        "contrat de location à votre nom",
        "certificat d'hébergement chez un tiers",
        "domiciliation auprès d'une association agréée",
    ):
        assert accepted in proof.details
    assert any("l'attestation n'est pas renouvelée" in w for w in plan.warnings)


def test_accelerated_certificate_lasts_6_months(content, today):
    plan = plan_for(
        content,
        {
            **IN_FRANCE,
            "asylum_stage": "registered",
            "asylum_residence": "93",
            "asylum_procedure": "accelerated",
            "asylum_certificate_date": "2026-11-10",
        },
        today,
    )
    assert deadline(plan, "certificate_end_accelerated").date == date(2027, 5, 10)
    assert "certificate_end_normal" not in [d.id for d in plan.deadlines]


@pytest.mark.parametrize(
    ("procedure", "normal", "accelerated"),
    [("normal", True, False), ("accelerated", False, True), ("unknown", True, True)],
)
def test_ofpra_examination_time_limits_interview_and_work(
    content, today, procedure, normal, accelerated
):
    plan = plan_for(
        content,
        {
            **IN_FRANCE,
            "asylum_stage": "at_ofpra",
            "asylum_residence": "93",
            "asylum_procedure": procedure,
        },
        today,
    )
    assert ids(plan) == ["asylum_certificate_renewal", "asylum_ofpra_examination"]
    text = all_text(plan)
    # 002: 6 months, extended by 9, then exceptionally 3; accelerated: 15 days (96 h in detention)
    assert ("dans les 6 mois" in text and "9 mois" in text and "3 mois" in text) is normal
    assert ("dans les 15 jours suivant" in text and "96 heures" in text) is accelerated
    assert "langue de votre choix" in text
    assert "clôture de votre dossier" in text
    # 002 said "Pendant l'instruction de votre dossier, vous avez le droit de travailler": wrong
    # in law (CESEDA L554-1, SP F2741): work only if Ofpra has not ruled after 6 months, with a
    # work authorisation.
    assert "vous avez le droit de travailler" not in text
    assert "Si l'Ofpra n'a pas statué 6 mois après" in text and "autorisation de travail" in text


def test_protection_granted_points_to_the_protection_pathway(content, today):
    plan = plan_for(content, {**IN_FRANCE, "asylum_stage": "granted"}, today)
    assert ids(plan) == ["asylum_protection_granted"]
    text = all_text(plan)
    assert "titre de séjour et un titre de voyage" in text
    assert "J'ai obtenu la protection subsidiaire" in text


def test_every_asylum_plan_carries_the_law_2024_42_warning(content, today):
    plan = plan_for(content, {**IN_FRANCE, "asylum_stage": "granted"}, today)
    assert any("2024-42" in w for w in plan.warnings)
    assert SEED in [s.file for s in plan.sources]


def test_unaccompanied_minor_at_the_border_is_flagged_vulnerable(content, today):
    answers = {
        "situation": "asylum_apply",
        "asylum_entry": "border",
        "border_refused": False,
        "asylum_minor_alone": True,
        "asylum_residence": "93",
    }
    text = all_text(plan_for(content, answers, today))
    assert "Vous êtes mineur(e) : c'est une vulnérabilité" in text
    assert "administrateur ad hoc" in text


def test_registered_asylum_seeker_may_not_work_without_conditions(content, today):
    """Acceptance: a registered asylum seeker's plan no longer says they may simply work."""
    plan = plan_for(
        content,
        {
            **IN_FRANCE,
            "asylum_stage": "registered",
            "asylum_residence": "93",
            "asylum_procedure": "normal",
            "asylum_certificate_date": "2026-11-10",
        },
        today,
    )
    text = all_text(plan)
    assert "droit de travailler" not in text
    assert "pendant les 6 mois qui suivent l'enregistrement" in text
    assert "c'est l'employeur qui demande l'autorisation de travail" in text
    assert "Cette règle a pu changer" in text


def test_val_d_oise_registration_mentions_the_espace_france_asile(content, today):
    answers = {
        **IN_FRANCE,
        "asylum_stage": "not_registered",
        "asylum_minor_alone": False,
        "asylum_residence": "95",
    }
    text = all_text(plan_for(content, answers, today))
    assert "Espace France Asile" in text and "19 mai 2025" in text
    elsewhere = {**answers, "asylum_residence": "93"}
    assert "Espace France Asile" not in all_text(plan_for(content, elsewhere, today))


def test_ofpra_decision_notified_in_the_online_space(content, today):
    plan = plan_for(
        content,
        {
            **IN_FRANCE,
            "asylum_stage": "at_ofpra",
            "asylum_residence": "93",
            "asylum_procedure": "normal",
        },
        today,
    )
    text = all_text(plan)
    assert (
        "espace numérique personnel sécurisé" in text and "15 jours après sa mise en ligne" in text
    )


def test_cnda_appeal_plan_gives_legal_aid_l542_2_and_single_judge(content, today):
    plan = plan_for(
        content, {**IN_FRANCE, "asylum_stage": "ofpra_refused", "ofpra_decision_date": None}, today
    )
    text = all_text(plan)
    assert "aide juridictionnelle dans les 15 jours" in text
    assert "pays d'origine sûr" in text and "juge unique" in text
    assert "pacte européen" in text
