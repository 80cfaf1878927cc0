"""Shared fixtures: the bundled content, a fixed 'today', and helpers to drive the engine."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.content import Content, load_content

TODAY = date(2026, 11, 23)

# A protection subsidiaire holder living in Seine-Saint-Denis (issue 2's acceptance scenario).
HOLDER_93 = {
    "situation": "ps_holder",
    "ps_card": "none_yet",
    "married": False,
    "residence": "93200",
    "document_expiry": "2027-05-31",
    "travel": False,
}


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture
def today() -> date:
    return TODAY
