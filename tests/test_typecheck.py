"""The type checker (mypy, configured in pyproject.toml) passes on the engine and the interface.

mypy reads them under the names they are installed as, ``parcours.wizard`` and
``parcours.screens``: a temporary ``parcours`` package links the checkout's two folders.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_passes_on_wizard_and_screens(tmp_path: Path):
    package = tmp_path / "parcours"
    package.mkdir()
    shutil.copy(ROOT / "parcours.py", package / "__init__.py")
    for folder in ("wizard", "screens"):
        (package / folder).symlink_to(ROOT / folder, target_is_directory=True)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            "-p",
            "parcours",
        ],
        cwd=tmp_path,
        env={"MYPYPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout
