"""Every format holds the same facts, says what it is, and starts with the most urgent action."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from parcours.wizard.dates import long_date
from parcours.wizard.export import FORMATS, render
from parcours.wizard.flow import step
from parcours.wizard.sections import (
    CheckItem,
    DeadlineItem,
    PlanSections,
    most_urgent,
    sections,
)

from .conftest import HOLDER_93
from .examples import OFPRA_REFUSED_10_DAYS
from .test_cli import run


@pytest.fixture
def answers_file(tmp_path):
    def write(obj, name="answers.json"):
        path = tmp_path / name
        path.write_text(json.dumps(obj), encoding="utf-8")
        return str(path)

    return write


SCENARIOS = {"readme": HOLDER_93, "ofpra_refused": OFPRA_REFUSED_10_DAYS}
SEED_NAME = re.compile(r"\d{3}_[0-9a-f]{16}|\.txt\b|\bseed\b")
ENGLISH_STATUS = re.compile(r"\[(current|superseded|archive)\]|\b(current|superseded)\b")


def plan_for(content, today, answers, lang="fr") -> PlanSections:
    return sections(step(content, answers, today).plan, lang)


def plain(text: str, fmt: str) -> str:
    """The words of a rendering, markup and escapes removed, spaces folded."""
    if fmt in ("html", "svg"):
        text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        from html import unescape

        text = unescape(text).replace("\u00a0", " ")
    if fmt == "md":
        text = re.sub(r"\\(.)", r"\1", text)
    if fmt == "json":
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_format_holds_the_same_facts(content, today, fmt, name):
    plan = plan_for(content, today, SCENARIOS[name])
    out = render(plan, fmt)
    text = plain(out, fmt)
    authority = plan.authority
    assert authority is not None and authority.name in text
    documents = plan.section("documents")
    for doc in documents.items if documents else ():
        assert isinstance(doc, CheckItem) and doc.label in text, doc.label
    deadlines = plan.section("deadlines")
    for d in deadlines.items if deadlines else ():
        assert isinstance(d, DeadlineItem)
        assert d.label in text, d.label
        if d.date is not None:
            assert d.day in text, d.day  # the weekday and the date
    for line in plan.header:
        if fmt != "svg":  # the SVG wraps lines at 80 columns like the screen
            assert line in text, line
    assert "Ceci n'est pas un avis juridique" in text
    assert "La Cimade" in text
    # JSON keeps the sources' ids ("seed-001") for tools; a person's formats never say "seed".
    # JSON keeps machine values too ("status": "current"): the words are in "status_word".
    words = re.sub(r'"(id|status)": "[^"]*"', "", text) if fmt == "json" else text
    assert not SEED_NAME.search(words), SEED_NAME.search(words)
    assert not ENGLISH_STATUS.search(words), ENGLISH_STATUS.search(words)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_first_lines_of_every_format_show_the_most_urgent_dated_action(
    content, today, fmt, name
):
    neutral = step(content, SCENARIOS[name], today).plan
    first = most_urgent(neutral.deadlines)
    assert first is not None and first.date is not None
    plan = sections(neutral, "fr")
    text = plain(render(plan, fmt), fmt)
    # The plan's header, then "en bref" with the action: within the first screenful of text.
    start = text.index('"brief"') if fmt == "json" else text.index("EN BREF")
    assert start < 900
    head = text[start : start + 300]
    # The date as the deadlines section writes it: with its weekday (issue 13's words).
    assert long_date(first.date, "fr") in head
    assert first.label["fr"].split(" (")[0] in head


def test_an_urgent_deadline_is_the_first_line_of_en_bref(content, today):
    plan = plan_for(content, today, OFPRA_REFUSED_10_DAYS)
    assert plan.sections[0].id == "brief"
    first = plan.sections[0].items[0]
    assert first.urgent and first.key == "deadline"
    # One month after 13/11/2026 is Sunday 13/12: the CNDA appeal runs to Monday 14/12, and
    # "en bref" says so with the very words of the deadlines section.
    assert first.text == (
        "Recours devant la CNDA (1 mois après la notification) : lundi 14 décembre 2026 — "
        "URGENT, dans 21 jours (reporté au lundi 14 décembre : le 13 décembre est un dimanche)"
    )
    deadline = plan.section("deadlines").items[0]
    assert deadline.id == "cnda_appeal" and deadline.when in first.text
    assert deadline.moved and deadline.moved in first.text
    english = plan_for(content, today, OFPRA_REFUSED_10_DAYS, "en")
    assert (
        english.sections[0]
        .items[0]
        .text.startswith(
            "Appeal to the CNDA (1 month after notification): Monday 14 December 2026 — URGENT, "
            "in 21 days (moved to Monday 14 December: 13 December is a Sunday)"
        )
    )


def test_text_and_markdown_have_no_escape_codes(content, today):
    plan = plan_for(content, today, HOLDER_93)
    for fmt in ("text", "md"):
        out = render(plan, fmt)
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), fmt


def test_markdown_escapes_what_content_could_turn_into_markup(content, today):
    from parcours.wizard.export_md import md

    assert md("a *b* | c_d [x](y) <b>") == r"a \*b\* \| c\_d \[x\](y) \<b\>"


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.tags: list[str] = []
        self.checkboxes = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") or (name == "type" and value == "checkbox"):
                if name == "type":
                    self.checkboxes += 1
                else:
                    self.refs.append(value or "")


def test_html_is_one_self_contained_page_with_checkboxes_table_and_qr(content, today):
    plan = plan_for(content, today, HOLDER_93)
    out = render(plan, "html")
    parser = _Refs()
    parser.feed(out)
    assert parser.refs == []  # no external (or any) file: fonts, scripts, images
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert "@import" not in out and "url(" not in out
    assert parser.checkboxes == len(plan.section("documents").items)
    assert "table" in parser.tags and "svg" in parser.tags  # deadlines table, inline QR
    assert "@page" in out and "size: A4" in out
    assert "page-break-inside: avoid" in out  # a pathway is not split across pages


def test_html_escapes_content(content, today):
    from parcours.wizard.export_html import _e

    assert _e('<script>"x"&') == "&lt;script&gt;&quot;x&quot;&amp;"


def test_svg_is_the_plan_screens_renderable(content, today):
    from parcours.wizard.rich_plan import plan_renderable
    from rich.console import Console

    plan = plan_for(content, today, HOLDER_93)
    svg = render(plan, "svg")
    assert svg.startswith("<svg") and not re.search(r"url\(\s*[\"']?https?:", svg)
    console = Console(width=80, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(plan_renderable(plan))
    screen = console.export_text()
    words = plain(svg, "svg")
    for line in screen.splitlines()[:30]:
        assert " ".join(line.split()) in words, line


def test_json_and_step_json_say_what_they_are(content, today):
    plan = plan_for(content, today, HOLDER_93)
    data = json.loads(render(plan, "json"))
    assert data["reviewed"] == "2026-11-23" and data["made"] == "Établi le 23/11/2026"
    assert data["advice"].startswith("Ceci n'est pas un avis juridique")
    assert "La Cimade" in data["help"]
    assert data["brief"][0]["key"] == "deadline"
    assert all("file" not in s for s in data["sources"])
    assert {s["title"] for s in data["sources"]} >= {
        "Service-public : protection subsidiaire — statut, titre de séjour et titre de voyage"
    }


def test_step_json_of_a_question_carries_the_advice(tmp_path):
    result = run(["step", "--answers", "-", "--json"], stdin="{}", cwd=tmp_path)
    out = json.loads(result.stdout)
    assert out["advice"].startswith("Ceci n'est pas un avis juridique")
    assert "La Cimade" in out["help"]


def test_seed_002_is_two_sources_each_fact_pointing_at_its_part(content, today):
    asylum = plan_for(content, today, OFPRA_REFUSED_10_DAYS)
    titles = [s.title for s in asylum.section("sources").items]
    assert any(t.startswith("Service-public : demander l'asile en France") for t in titles)
    assert not any("Athis-Mons" in t for t in titles)
    sources = content.sources
    assert sources["seed-002-asylum"].file == sources["seed-002-rental"].file
    assert "seed-002" not in sources


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_writes_every_format_and_never_overwrites_without_force(
    tmp_path,
    answers_file,
    fmt,
):
    path = tmp_path / f"plan.{fmt}"
    args = ["plan", "-a", answers_file(HOLDER_93), "--today", "2026-11-23", "-f", fmt]
    result = run([*args, "-o", str(path)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.stat().st_mode & 0o777 == 0o600
    first = path.read_text(encoding="utf-8")
    assert ("brief" if fmt == "json" else "EN BREF") in plain(first, fmt)
    again = run([*args, "-o", str(path)], cwd=tmp_path)
    assert again.returncode == 2 and again.stderr.count("\n") == 1
    assert "existe déjà" in again.stderr and "--force" in again.stderr
    forced = run([*args, "-o", str(path), "--force"], cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file


def test_cli_output_refuses_a_symlink_and_a_missing_folder(tmp_path, answers_file):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "plan.txt"
    link.symlink_to(target)
    args = ["plan", "-a", answers_file(HOLDER_93), "--today", "2026-11-23"]
    result = run([*args, "-o", str(link), "--force"], cwd=tmp_path)
    assert result.returncode == 2 and "lien symbolique" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep"
    result = run([*args, "-o", str(tmp_path / "no" / "plan.txt")], cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
