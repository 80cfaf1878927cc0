"""``plan --output``: a new file (mode 0600) or, with --force, a regular file replaced in one
step; never a link followed, a special file replaced, a predictable temporary name; every
failure one line, exit 2."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from .conftest import HOLDER_93
from .test_cli import run

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def plan_to(tmp_path: Path, target: Path | str, *extra: str):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(HOLDER_93), encoding="utf-8")
    return run(["plan", "--lang", "en", "-a", str(answers), "-o", str(target), *extra])


def one_line(result) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_new_file_is_private(tmp_path):
    target = tmp_path / "plan.txt"
    old = os.umask(0o022)
    try:
        result = plan_to(tmp_path, target)
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Seine-Saint-Denis" in target.read_text(encoding="utf-8")
    assert leftovers(tmp_path) == []


def test_an_existing_file_is_kept_without_force(tmp_path):
    target = tmp_path / "plan.txt"
    target.write_text("mine")
    line = one_line(plan_to(tmp_path, target))
    assert "already exists" in line and "--force" in line
    assert target.read_text() == "mine"


def test_force_replaces_keeping_a_private_mode(tmp_path):
    target = tmp_path / "plan.txt"
    target.write_text("mine")
    target.chmod(0o600)
    result = plan_to(tmp_path, target, "--force")
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Seine-Saint-Denis" in target.read_text(encoding="utf-8")
    target.chmod(0o640)
    assert plan_to(tmp_path, target, "--force").returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # kept, never widened
    target.chmod(0o755)
    assert plan_to(tmp_path, target, "--force").returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # never executable
    assert leftovers(tmp_path) == []


def test_a_symlink_is_refused_even_with_force(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "plan.txt"
    link.symlink_to(victim)
    for extra in ((), ("--force",)):
        line = one_line(plan_to(tmp_path, link, *extra))
        assert "symbolic link" in line
    assert victim.read_text() == "precious" and link.is_symlink()


def test_a_dangling_symlink_is_not_followed(tmp_path):
    link = tmp_path / "plan.txt"
    link.symlink_to(tmp_path / "created-elsewhere.txt")
    one_line(plan_to(tmp_path, link, "--force"))
    assert not (tmp_path / "created-elsewhere.txt").exists()


def test_a_planted_temporary_link_is_never_written_through(tmp_path):
    # The old code wrote to ".NAME.tmp-PID": every such name now points at a victim.
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    for pid in range(os.getpid(), os.getpid() + 2000):
        (tmp_path / f".plan.txt.tmp-{pid}").symlink_to(victim)
    result = plan_to(tmp_path, tmp_path / "plan.txt")
    assert result.returncode == 0, result.stderr
    assert victim.read_text() == "precious"


def test_a_fifo_is_refused_not_replaced(tmp_path):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    for extra in ((), ("--force",)):
        line = one_line(plan_to(tmp_path, fifo, *extra))
        assert "not a regular file" in line
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_device_is_refused():
    line = one_line(plan_to(Path("/tmp"), "/dev/null", "--force"))
    assert "not a regular file" in line


def test_a_directory_is_refused(tmp_path):
    assert "directory" in one_line(plan_to(tmp_path, tmp_path, "--force"))


@pytest.mark.parametrize(
    "name, why",
    [
        ("n" * 250, None),  # a legal name: its temporary name must fit too
        ("n" * 300, "file name too long"),
        ("missing/plan.txt", "no such folder"),
        ("plan\x1b]0;x\x07.txt", None),
    ],
    ids=["250", "300", "missing", "control"],
)
def test_names(tmp_path, name, why):
    result = plan_to(tmp_path, tmp_path / name)
    if why is None:
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).is_file()
        assert "\x1b" not in result.stderr
    else:
        assert why in one_line(result)


def test_a_read_only_folder(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if not ROOT_USER:
            assert "permission denied" in one_line(plan_to(tmp_path, folder / "plan.txt"))
    finally:
        folder.chmod(0o700)
    # Root writes anyway: a read-only file system, in-process.
    import errno

    from parcours.wizard import files

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    import tempfile  # files.py imports it when it writes

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(files.OutputError) as caught:
        files.write_text(folder / "plan.txt", "x")
    assert caught.value.text("en").endswith("read-only file system")
    assert "lecture seule" in caught.value.text("fr")


def test_a_full_disk(tmp_path, monkeypatch):
    # In-process: the disk fills while the plan is written; no temporary file is left.
    import errno

    from parcours.wizard import files

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(files.OutputError) as caught:
        files.write_text(tmp_path / "plan.txt", "x" * 100)
    assert "no space left" in caught.value.text("en")
    assert list(tmp_path.iterdir()) == []
    from parcours.wizard.cli import app
    from typer.testing import CliRunner

    result = CliRunner().invoke(
        app, ["plan", "-a", "-", "-o", str(tmp_path / "p.txt")], input=json.dumps(HOLDER_93)
    )
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []
