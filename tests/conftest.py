"""Shared fixtures: the bundled content, a fixed 'today', and helpers to drive the engine."""

from __future__ import annotations

from datetime import date

import pytest
from parcours.wizard.content import Content, load_content

from .examples import HOLDER_93  # noqa: F401 - re-exported for the test modules

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture
def today() -> date:
    return TODAY
