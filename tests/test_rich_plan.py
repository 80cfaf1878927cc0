"""The plan as Rich renderables: every part present, meaning carried by words, not colour."""

from __future__ import annotations

from datetime import date

import pytest
from parcours.wizard.flow import step
from parcours.wizard.rich_plan import plan_renderable
from parcours.wizard.sections import deadline_words, sections
from rich.console import Console

from tests.tui_support import HOLDER


def render(plan, width: int = 80, lang: str = "fr", raw: bool = False) -> str:
    """The plan as the screen shows it; no-break spaces read as spaces unless ``raw``."""
    console = Console(width=width, no_color=True, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(plan_renderable(sections(plan, lang)))
    text = console.export_text()
    return text if raw else text.replace("\u00a0", " ")


def test_plan_shows_every_part(content, today):
    plan = step(content, HOLDER, today).plan
    text = render(plan)
    for part in (
        "PLAN D'ACTION",
        "DÉMARCHES QUI VOUS CONCERNENT",
        "Pourquoi :",
        "Où s'adresser : Préfecture de la Seine-Saint-Denis",
        "ÉTAPES",
        "[ ] Décision de l'Ofpra ou de la CNDA",
        "DÉLAIS",
        "COÛTS",
        "50 €",
        "EN CAS DE REFUS",
        "SOURCES",
        "[1] Service-public : protection subsidiaire",
    ):
        assert part in text, part
    for reason in plan.pathways[0].reasons:
        assert reason["fr"].split(" : ")[0] in text


def test_passed_and_urgent_deadlines_are_written_in_words(content):
    # Expiry 2026-12-31 seen on 2026-11-23: the "2 months before" limit (31/10) has passed.
    plan = step(content, {**HOLDER, "document_expiry": "2026-12-31"}, date(2026, 11, 23)).plan
    text = render(plan)
    assert "délai dépassé depuis 23 jours" in text
    assert "-23" not in text
    assert "!! Fin de la période de demande" in text
    # Seen on 2026-10-15, the same limit is 16 days away: urgent.
    plan = step(content, {**HOLDER, "document_expiry": "2026-12-31"}, date(2026, 10, 15)).plan
    assert "URGENT, dans 16 jours" in render(plan)


def test_unknown_date_gives_the_rule_without_a_date(content, today):
    plan = step(content, {**HOLDER, "document_expiry": None}, today).plan
    text = render(plan)
    assert "date non calculée (réponse manquante)" in " ".join(text.split())


def test_english_plan(content, today):
    text = render(step(content, HOLDER, today).plan, lang="en")
    assert "ACTION PLAN" in text and "Why:" in text and "SOURCES" in text


def test_narrow_terminal_wraps_instead_of_cutting(content, today):
    plan = step(content, HOLDER, today).plan
    text = render(plan, width=40)
    assert max(len(line.rstrip()) for line in text.splitlines()) <= 40
    assert "Seine-Saint-Denis" in text


def test_days_are_counted_in_words_not_as_jour_s(content):
    expiring = {**HOLDER, "document_expiry": "2026-12-31"}
    plan = step(content, expiring, date(2026, 11, 23)).plan
    text = render(plan)
    assert "jour(s)" not in text
    assert "depuis 23 jours" in " ".join(text.split())
    # One day is singular.
    one = next(d for d in plan.deadlines if d.kind == "end" and d.date is not None)
    seen = date.fromordinal(one.date.toordinal() + 1)
    again = step(content, expiring, seen).plan
    match = next(d for d in again.deadlines if d.id == one.id)
    assert match.days_left == -1
    assert deadline_words(match, "fr").endswith("depuis 1 jour")
    assert deadline_words(match, "en").endswith("1 day ago")


def test_english_plan_has_no_french_colon_before_the_source(content, today):
    text = render(step(content, HOLDER, today).plan, lang="en")
    assert "(source [1], CESEDA" in text and "[1] Service-public: subsidiary protection" in text
    assert ".txt" not in text
    assert "(source :" not in text


def test_a_public_page_with_no_short_name_is_named_once_by_its_address(content, today):
    """A source given only by its url (issue 12) is listed by its title then its address,
    in text and Rich alike, never 'address — title' followed by the address again."""
    from parcours.wizard.render import render_text

    answers = {
        "situation": "asylum_refused",
        "refusal_cnda": "cnda_rejected",
        "refusal_oqtf": "free",
        "refusal_oqtf_date": "2026-11-10",
        "refusal_grounds": ["family"],
        "refusal_residence": "93",
        "refusal_permit_refused": True,
    }
    plan = step(content, answers, today).plan
    url = "https://www.service-public.gouv.fr/particuliers/vosdroits/F18362"
    for text in (render_text(sections(plan, "fr")).replace("\u00a0", " "), render(plan, width=120)):
        listed = text[text.index("SOURCES") :]
        assert listed.count(url) == 1
        assert "Service-public : obligation de quitter le territoire" in listed
        assert f"{url} —" not in listed
        # A page with a short name (issue 13's counting sources) is listed by its title too:
        # the short name is for counting references only ("décompte : CPC art. 641 [n]").
        assert "Code de procédure civile, article 641" in " ".join(listed.split())
        assert "CPC art. 641 —" not in listed


@pytest.mark.parametrize("width", [80, 60, 40])
def test_the_screen_plan_keeps_french_marks_with_their_words(content, today, width):
    """Rich breaks at any space, a no-break one included: the plan's texts guard them, so no
    line starts with » ? ! € : ; (after its indentation and the item's own mark) at any width."""
    from .test_plain import FRENCH_MARKS

    answers = {
        "situation": "asylum_refused",
        "refusal_cnda": "cnda_rejected",
        "refusal_oqtf": "free",
        "refusal_oqtf_date": "2026-11-10",
        "refusal_grounds": ["family"],
        "refusal_residence": "93",
        "refusal_permit_refused": True,
    }
    text = render(step(content, answers, today).plan, width=width, raw=True)
    assert "\u00a0:" in text
    previous = ""
    for line in text.splitlines():
        body = line.lstrip()
        after_an_address, previous = "://" in previous, line  # an address folds anywhere
        if body.startswith(("!! ", "! ", "- ", "+ ")) or after_an_address:
            continue
        assert not body.startswith(FRENCH_MARKS), line
        assert not line.rstrip().endswith("«"), line
