"""The QR summary: cut to what fits, says what is left out, and decodes back to the exact text."""

from __future__ import annotations

import pytest
from parcours.wizard.flow import step
from parcours.wizard.qr import DARK, LIGHT, capacity, make, side_for, terminal_code
from parcours.wizard.sections import sections, summary

from .conftest import HOLDER_93
from .examples import OFPRA_REFUSED_10_DAYS
from .qr_decode import ZBARIMG, decode, modules, write_png

needs_zbar = pytest.mark.skipif(ZBARIMG is None, reason="zbarimg (Debian zbar-tools) missing")


def plan_for(content, today, answers, lang="fr"):
    return sections(step(content, answers, today).plan, lang)


@needs_zbar
@pytest.mark.parametrize("answers", [HOLDER_93, OFPRA_REFUSED_10_DAYS])
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    ("width", "height", "short"), [(50, 23, False), (50, 23, True), (140, 60, False)]
)
def test_terminal_code_decodes_to_the_exact_summary(
    content, today, tmp_path, answers, lang, width, height, short
):
    found, drawn = terminal_code(plan_for(content, today, answers, lang), width, height, short)
    assert drawn is not None and found.text
    matrix = modules(drawn)
    assert len(matrix[0]) <= width and len(matrix) <= 2 * height
    assert decode(write_png(matrix, tmp_path / "qr.png")) == found.text


def test_a_big_terminal_holds_the_whole_summary_and_80x24_says_what_is_left_out(content, today):
    plan = plan_for(content, today, HOLDER_93)
    whole, _ = terminal_code(plan, 140, 60)
    assert whole.left_out is None
    assert "[ ] Décision de l'Ofpra ou de la CNDA" in whole.text
    assert whole.text.endswith("Pas un avis juridique.")
    small, _ = terminal_code(plan, 50, 23)
    assert small.left_out and "5 document(s) sur 5" in small.left_out
    assert small.text.splitlines()[0] == whole.text.splitlines()[0]  # the dated action first
    assert len(small.text.encode()) <= 133  # a version 6 code, low correction


def test_the_urgent_action_leads_the_summary(content, today):
    found, _ = terminal_code(plan_for(content, today, OFPRA_REFUSED_10_DAYS), 50, 23)
    first, where = found.text.splitlines()[:2]
    # The deadline as issue 13 counts it (13/12 is a Sunday: moved to Monday 14/12), marked with
    # its own symbol ("!" urgent, "!!" passed), weekday first, the date in figures to save bytes,
    # then its state.
    assert first == (
        "! Recours devant la CNDA (1 mois après la notification) : lundi 14/12/2026 URGENT"
    )
    assert where == "Où : Cour nationale du droit d'asile (CNDA)"


def test_summary_never_cuts_a_line_and_marks_the_cut(content, today):
    plan = plan_for(content, today, HOLDER_93)
    full = summary(plan, lambda text: True)
    lines = full.text.splitlines()
    cut = summary(plan, lambda text: len(text) <= len("\n".join(lines[:4])) + 40)
    assert cut.text.splitlines()[:4] == lines[:4]
    assert cut.text.splitlines()[-1].startswith(("+ ", "…", "("))
    assert cut.left_out


def test_every_cell_draws_both_colours_explicitly(content, today):
    """Dark and light modules are both drawn (full or half blocks) in black and white: the code
    reads the same on a dark or a light terminal, never relying on the terminal's background."""
    _, drawn = terminal_code(plan_for(content, today, HOLDER_93), 50, 23)
    assert drawn is not None
    glyphs = set(drawn.plain) - {"\n"}
    assert glyphs <= {"█", "▀", "▄"} and " " not in glyphs
    for span in drawn.spans:
        assert span.style in (DARK, LIGHT)
    # The quiet zone (two modules) is drawn too: the first line is all light full blocks.
    first = drawn.plain.splitlines()[0]
    assert set(first) == {"█"}
    assert all(s.style == LIGHT for s in drawn.spans if s.end <= len(first))


@needs_zbar
def test_no_color_keeps_black_and_white(content, today, tmp_path):
    """NO_COLOR makes Textual draw through its Monochrome filter (colours to greys by
    luminance): the code on screen, after that filter, still decodes to the summary."""
    from textual.filter import Monochrome

    found, drawn = terminal_code(plan_for(content, today, OFPRA_REFUSED_10_DAYS), 50, 23)
    matrix = modules(drawn, line_filter=Monochrome())
    assert decode(write_png(matrix, tmp_path / "nc.png")) == found.text


@pytest.mark.parametrize("side", [21, 41, 45, 117, 177])
def test_capacity_is_exactly_what_a_code_of_that_size_holds(side):
    room = capacity(side)
    assert make("a" * room, side) is not None
    assert make("a" * (room + 1), side) is None
    assert make("é" * (room // 2), side) is not None


def test_size_limits(content, today):
    assert side_for(80, 23) == 42  # 80x24 minus the footer: a version 6 code (41 modules)
    assert make("x" * 2000, 41) is None
    code = make("é" * 60, 41)
    assert code is not None and code.version <= 6
