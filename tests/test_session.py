"""The session file: atomic saves, corrupt files moved aside, "new person" deletes it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from parcours.wizard.session import SessionData, SessionStore, default_path


def test_save_then_load_round_trips_raw_answers(tmp_path: Path):
    store = SessionStore(tmp_path / "deep" / "dir" / "session.json")
    assert not store.exists() and store.load().data is None
    answers = {"situation": "ps_holder", "married": False, "document_expiry": None, "n": 3}
    assert store.save(SessionData("main", "en", answers)) is None
    loaded = store.load()
    assert loaded.problem is None
    assert loaded.data == SessionData("main", "en", answers)
    # Only the session file is left behind: the temporary file was renamed over it.
    assert [p.name for p in store.path.parent.iterdir()] == ["session.json"]


def test_save_replaces_the_previous_file(tmp_path: Path):
    store = SessionStore(tmp_path / "session.json")
    store.save(SessionData("main", "fr", {"a": 1}))
    store.save(SessionData("main", "fr", {"b": 2}))
    assert json.loads(store.path.read_text(encoding="utf-8"))["answers"] == {"b": 2}


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2]", b'{"version": 99}', b'{"version": 1, "flow": 3}', b"\xff\xfe"],
)
def test_corrupt_file_is_moved_aside_not_overwritten(tmp_path: Path, content: bytes):
    store = SessionStore(tmp_path / "session.json")
    store.path.write_bytes(content)
    loaded = store.load()
    assert loaded.data is None and loaded.problem
    assert loaded.moved_to is not None and loaded.moved_to.read_bytes() == content
    assert not store.path.exists()
    # A fresh save now works beside the moved file.
    assert store.save(SessionData()) is None
    assert loaded.moved_to.exists()


def test_delete_is_quiet_when_nothing_is_saved(tmp_path: Path):
    store = SessionStore(tmp_path / "session.json")
    assert store.delete() is None
    store.save(SessionData())
    assert store.delete() is None and not store.exists()


def test_save_into_a_file_path_is_reported_not_raised(tmp_path: Path):
    # The parent "directory" is a regular file (unlike permissions, this holds for root too).
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    problem = SessionStore(blocker / "session.json").save(SessionData())
    assert problem and "cannot save" in problem["en"]
    assert "enregistrement impossible" in problem["fr"] and "File exists" not in problem["fr"]


def test_default_path_follows_xdg_data_home(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_path() == tmp_path / "parcours" / "session.json"
