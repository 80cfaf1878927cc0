"""The wheel: content ships inside the package, no top-level `data`, and it runs from anywhere."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)]
    if importlib.util.find_spec("hatchling") is not None:
        cmd.insert(4, "--no-build-isolation")  # offline-friendly when the backend is at hand
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    (path,) = out.glob("parcours-*.whl")
    return path


def test_wheel_layout(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"parcours"}, "one top-level package: nothing named wizard, screens or data"
    assert "parcours/__init__.py" in names and "parcours/__main__.py" in names
    assert "parcours/wizard/cli.py" in names and "parcours/screens/app.py" in names
    assert "parcours/wizard/_data/content/core.json" in names
    assert "parcours/wizard/_data/geo/departements.json" in names
    assert not any(n.endswith("build_geography.py") or "__pycache__" in n for n in names)
    assert not any(n.endswith(("build_content.py", ".toml")) or "/source/" in n for n in names)
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "parcours = parcours.wizard.launch:main" in zipfile.ZipFile(wheel).read(entry).decode()


def test_installed_layout_runs_from_another_directory(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = subprocess.run(
        [sys.executable, "-c", "import parcours.wizard as w; print(w.__file__)"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        check=True,
    )
    assert probe.stdout.startswith(str(site)), "the extracted wheel, not the checkout, is used"
    result = subprocess.run(
        [sys.executable, "-m", "parcours", "step", "--answers", "-", "--json"],
        input="{}",
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["question"]["id"] == "situation"
    check = subprocess.run(
        [sys.executable, "-m", "parcours", "check-data"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout
    assert list(elsewhere.iterdir()) == [], "running writes no file"
