"""Shared fixtures: the bundled content, a fixed 'today', and helpers to drive the engine."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.content import Content, load_content

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture
def today() -> date:
    return TODAY
