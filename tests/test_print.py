"""The HTML plan printed to PDF by headless Chromium: A4 pages holding every fact that matters.

Chromium and poppler-utils are installed by .ci/run (Debian's ``chromium``, ``poppler-utils``);
where they cannot be installed, these tests are skipped with that reason.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from parcours.wizard.export import render
from parcours.wizard.flow import step
from parcours.wizard.sections import CheckItem, DeadlineItem, sections

from .conftest import HOLDER_93
from .examples import OFPRA_REFUSED_10_DAYS
from .qr_decode import ZBARIMG, decode

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")
PDFTOPPM = shutil.which("pdftoppm")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and PDFTOTEXT and PDFINFO),
    reason="headless Chromium or poppler-utils not installed (.ci/run installs them)",
)

TRAVEL = {**HOLDER_93, "travel": True, "travel_minor": False, "travel_renewal": True}


def print_pdf(html: str, tmp_path: Path) -> Path:
    source = tmp_path / "plan.html"
    source.write_text(html, encoding="utf-8")
    pdf = tmp_path / "plan.pdf"
    profile = tmp_path / "profile"
    assert CHROMIUM
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            source.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert pdf.is_file() and pdf.stat().st_size > 0, "Chromium wrote no PDF"
    return pdf


def pdf_info(pdf: Path) -> dict[str, str]:
    assert PDFINFO
    out = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_text(pdf: Path) -> str:
    assert PDFTOTEXT
    out = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, check=True).stdout
    return " ".join(out.decode("utf-8").split())


@pytest.mark.parametrize(
    ("answers", "pages"), [(HOLDER_93, (2, 4)), (OFPRA_REFUSED_10_DAYS, (2, 4)), (TRAVEL, (3, 6))]
)
def test_html_prints_to_a4_pages_with_the_authority_documents_and_deadlines(
    content, today, tmp_path, answers, pages
):
    plan = sections(step(content, answers, today).plan, "fr")
    pdf = print_pdf(render(plan, "html"), tmp_path)
    info = pdf_info(pdf)
    width, height = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert (round(width), round(height)) == (595, 842), info["Page size"]  # A4
    assert pages[0] <= int(info["Pages"]) <= pages[1], info["Pages"]
    text = pdf_text(pdf)
    assert plan.authority is not None and plan.authority.name in text
    documents = plan.section("documents")
    for doc in documents.items if documents else ():
        assert isinstance(doc, CheckItem) and doc.label in text, doc.label
    for d in plan.section("deadlines").items:
        assert isinstance(d, DeadlineItem)
        if d.date is not None:
            assert d.label in text and d.day in text, d.label
    assert "Ceci n'est pas un avis juridique" in text and "EN BREF" in text
    assert text.index("EN BREF") < text.index(plan.section("pathways").title)


@pytest.mark.skipif(not (PDFTOPPM and ZBARIMG), reason="pdftoppm or zbarimg not installed")
def test_the_printed_qr_code_on_page_one_decodes_to_the_summary(content, today, tmp_path):
    from parcours.wizard.export_html import PRINT_QR_SIDE
    from parcours.wizard.qr import fits_in
    from parcours.wizard.sections import summary

    plan = sections(step(content, TRAVEL, today).plan, "fr")
    pdf = print_pdf(render(plan, "html"), tmp_path)
    assert PDFTOPPM
    subprocess.run(
        [
            PDFTOPPM,
            "-png",
            "-gray",
            "-r",
            "200",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(tmp_path / "p"),
        ],
        check=True,
        timeout=60,
    )
    page = next(tmp_path.glob("p*.png"))
    assert decode(page) == summary(plan, fits_in(PRINT_QR_SIDE)).text
