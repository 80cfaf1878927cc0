"""check-data never raises: malformed content of any shape is a named problem in its report.

Hand-picked cases from an attack on the loader (each a problem by name), then data folders
made malformed at random from the bundled one (hypothesis).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parcours.wizard.checks import check
from parcours.wizard.content import load_content
from parcours.wizard.errors import ContentError, DataError

from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CONTENT_FILES = sorted(p.name for p in (DATA / "content").glob("*.json"))


def copy_data(target: Path) -> Path:
    shutil.copytree(DATA / "content", target / "content")
    shutil.copytree(DATA / "geo", target / "geo")
    return target


def load(folder: Path, name: str) -> dict[str, Any]:
    return json.loads((folder / "content" / name).read_text(encoding="utf-8"))


def save(folder: Path, name: str, document: Any) -> None:
    (folder / "content" / name).write_text(json.dumps(document), encoding="utf-8")


def first(document: dict[str, Any], table: str) -> dict[str, Any]:
    return next(iter(document[table].values()))


def nested(depth: int) -> str:
    return '{"not": ' * depth + '{"answered": "situation"}' + "}" * depth


def check_data(folder: Path) -> subprocess.CompletedProcess[str]:
    """``parcours check-data`` on ``folder``, as a subprocess (a hang fails, not blocks)."""
    return subprocess.run(
        [sys.executable, "-m", "parcours", "check-data", "--data-dir", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def assert_reported(folder: Path, *expected: str) -> list[str]:
    result = check_data(folder)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert not any(c in result.stdout for c in "\x1b\x07\x9b\u202e"), result.stdout
    problems = [line[2:] for line in result.stdout.splitlines() if line.startswith("- ")]
    assert problems, result.stdout
    for word in expected:
        assert any(word in p for p in problems), problems
    return problems


def tamper_json(name: str, change: Any):
    def go(folder: Path) -> None:
        document = load(folder, name)
        change(document)
        save(folder, name, document)

    return go


def set_question(key: str, value: Any):
    return tamper_json("asylum.json", lambda d: first(d, "questions").__setitem__(key, value))


def deep_condition(depth: int):
    def go(folder: Path) -> None:
        document = load(folder, "asylum.json")
        first(document, "pathways")["when"] = "@DEEP@"
        text = json.dumps(document).replace('"@DEEP@"', nested(depth))
        (folder / "content" / "asylum.json").write_text(text, encoding="utf-8")

    return go


def nan_cost(folder: Path) -> None:
    document = load(folder, "protection_subsidiaire.json")
    for pathway in document["pathways"].values():
        if pathway.get("costs"):
            pathway["costs"][0]["amount_eur"] = float("nan")  # written as NaN
            break
    save(folder, "protection_subsidiaire.json", document)


CASES = {
    "condition 40 deep": (deep_condition(40), "nested more than"),
    "condition 990 deep": (deep_condition(990), "nested"),
    "file is a list": (lambda f: save(f, "core.json", []), "core.json: must be a JSON object"),
    "table is a list": (
        tamper_json("asylum.json", lambda d: d.__setitem__("questions", [1, 2])),
        "table 'questions' must be an object",
    ),
    "escape sequence in an id": (
        tamper_json(
            "asylum.json",
            lambda d: first(d, "pathways").__setitem__("when", {"answered": "\x1b]0;x\x07\u202e"}),
        ),
        "unknown question '\\x1b]0;x\\x07\\u202e'",
    ),
    "order is text": (set_question("order", "10"), "order must be a whole number"),
    "options is text": (set_question("options", "abc"), "options must be a list"),
    "max_length is text": (set_question("max_length", "abc"), "max_length must be a whole"),
    "record is text": (
        tamper_json("asylum.json", lambda d: d["questions"].__setitem__("999", "abc")),
        "record 999: a record must be an object",
    ),
    "communes is {}": (
        lambda f: (f / "geo" / "communes.json").write_text("{}"),
        "geo/communes.json",
    ),
    "departements is []": (
        lambda f: (f / "geo" / "departements.json").write_text("[]"),
        "departements.json",
    ),
    "names is {}": (lambda f: (f / "geo" / "names.json").write_text("{}"), "geo/names.json"),
    "names is empty": (
        lambda f: (f / "geo" / "names.json").write_text(
            '{"names": {"1": {"keys": "", "refs": ""}}}'
        ),
        "geo/names.json: empty",
    ),
    "names keys are a number": (
        lambda f: (f / "geo" / "names.json").write_text('{"names": {"1": {"keys": 5, "refs": 5}}}'),
        "geo/names.json: malformed",
    ),
    "names of different lengths": (
        lambda f: (f / "geo" / "names.json").write_text(
            '{"names": {"1": {"keys": "a\\nb", "refs": "75056"}}}'
        ),
        "different lengths",
    ),
    "names is a FIFO": (
        lambda f: ((f / "geo" / "names.json").unlink(), os.mkfifo(f / "geo" / "names.json")),
        "regular file",
    ),
    "amount is NaN": (nan_cost, "NaN"),
    "a FIFO among the files": (lambda f: os.mkfifo(f / "content" / "zz.json"), "regular file"),
    "geo is a FIFO": (
        lambda f: ((f / "geo" / "communes.json").unlink(), os.mkfifo(f / "geo" / "communes.json")),
        "regular file",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_content_is_a_named_problem(name: str, tmp_path: Path) -> None:
    change, expected = CASES[name]
    folder = copy_data(tmp_path / "data")
    change(folder)
    assert_reported(folder, expected)


def test_nan_amount_is_refused_by_the_loader_too(tmp_path: Path) -> None:
    # Even where JSON allows NaN through, the typed loader refuses it (never "nan €").
    from parcours.wizard.content import read_records

    tables = {"pathways": [dict(first(load(copy_data(tmp_path), "core.json"), "pathways"))]}
    tables["pathways"][0]["costs"] = [
        {
            "id": "c",
            "label": {"fr": "x"},
            "amount_eur": float("nan"),
            "source": "s",
            "status": "current",
        }
    ]
    problems: list[str] = []
    read_records(tables, problems)
    assert any("amount_eur must be a non-negative number" in p for p in problems)


def test_loading_malformed_content_is_a_data_error(tmp_path: Path) -> None:
    folder = copy_data(tmp_path / "data")
    deep_condition(990)(folder)
    with pytest.raises(DataError):
        load_content(folder)


# -- random malformed folders -------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def tampering(draw: st.DrawFn) -> tuple[str, Any]:
    """(file, how): one change to one file of the bundled data."""
    name = draw(st.sampled_from(CONTENT_FILES))
    kind = draw(st.sampled_from(["field", "drop", "record", "table", "file", "deep", "geo"]))
    if kind == "geo":
        geo = draw(st.sampled_from(["communes.json", "departements.json", "names.json"]))
        return f"geo/{geo}", ("geo", draw(JSON_VALUES))
    if kind == "file":
        return name, ("file", draw(JSON_VALUES))
    if kind == "deep":
        return name, ("deep", draw(st.integers(min_value=30, max_value=995)))
    return name, (kind, draw(JSON_VALUES), draw(st.integers(0, 10_000)), draw(st.integers(0, 99)))


def apply(folder: Path, name: str, how: tuple[Any, ...]) -> None:
    path = folder / ("" if name.startswith("geo/") else "content") / name
    kind = how[0]
    if kind in ("geo", "file"):
        path.write_text(json.dumps(how[1]), encoding="utf-8")
        return
    document = json.loads(path.read_text(encoding="utf-8"))
    tables = sorted(document)
    if kind == "deep":
        table = document.get("pathways") or document[tables[0]]
        next(iter(table.values()))["when"] = "@DEEP@"
        path.write_text(json.dumps(document).replace('"@DEEP@"', nested(how[1])))
        return
    _, value, pick, field_pick = how
    table_name = tables[pick % len(tables)]
    if kind == "table":
        document[table_name] = value
    else:
        records = document[table_name]
        key = sorted(records)[pick % len(records)] if records else "1"
        if kind == "record" or not records:
            records[key] = value
        else:
            record = records[key]
            fields = sorted(record)
            target = fields[field_pick % len(fields)]
            if kind == "drop":
                del record[target]
            else:
                record[target] = value
    path.write_text(json.dumps(document), encoding="utf-8")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_data(tmp_path_factory.mktemp("pristine") / "data")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(change=tampering())
def test_check_data_reports_random_damage_and_never_raises(
    change: tuple[str, Any], pristine: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("tampered") / "data"
    shutil.copytree(pristine / "content", folder / "content")
    shutil.copytree(pristine / "geo", folder / "geo")
    apply(folder, *change)
    report = check(folder, TODAY)  # must not raise, whatever the damage
    assert all(isinstance(p, str) and "\n" not in p for p in report.problems)
    assert report.summary


def test_a_malformed_geography_in_use_is_a_data_error(tmp_path: Path) -> None:
    from parcours.wizard.geo import Geography

    folder = copy_data(tmp_path / "data")
    (folder / "geo" / "communes.json").write_text('{"communes": {"1": {"d": 5}}}')
    (folder / "geo" / "departements.json").write_text("{}")
    geo = Geography(folder)
    with pytest.raises(DataError, match="geo/communes.json: malformed"):
        len(geo.communes)
    with pytest.raises(DataError, match="geo/departements.json: malformed"):
        len(geo.departements)


def test_a_malformed_name_index_in_use_is_a_data_error(tmp_path: Path) -> None:
    from parcours.wizard.geo import Geography

    folder = copy_data(tmp_path / "data")
    # Keys fine, references pointing at no former name: found only when a name is looked up.
    (folder / "geo" / "names.json").write_text(
        '{"names": {"1": {"keys": "bondy", "refs": "a999999"}}}'
    )
    with pytest.raises(DataError, match="geo/names.json: malformed"):
        Geography(folder).communes.named("bondy")


def test_a_former_name_column_out_of_step_is_reported_by_check_data(tmp_path: Path) -> None:
    """Former names ("an"/"ai") are split on the first name lookup, not at load: check-data
    still reads them, and a lookup that meets them is a DataError naming the file."""
    from parcours.wizard.geo import Geography

    folder = copy_data(tmp_path / "data")
    path = folder / "geo" / "communes.json"
    db = json.loads(path.read_text(encoding="utf-8"))
    row = next(r for r in db["communes"].values() if r.get("an"))
    row["ai"] = row["ai"] + "|001"  # one code more than names
    path.write_text(json.dumps(db, ensure_ascii=False), encoding="utf-8")
    report = check(folder, TODAY)
    assert len(report.problems) == 1
    assert report.problems[0].startswith("geo/communes.json: malformed (ValueError")
    with pytest.raises(DataError, match="geo/communes.json: malformed"):
        Geography(folder).communes.entry("a0")
    assert Geography(folder).resolve("91200").commune == "Athis-Mons"  # postal codes still work


def test_tables_typed_on_first_use_hold_the_same_records_and_fail_the_same_way(
    tmp_path: Path,
) -> None:
    """Commands type each content table when they first read it (LazyRecords): the same records
    as typing them all at load, the next question asked without typing the pathways, and a
    malformed pathway is the same ContentError, once the pathways are read."""
    from parcours.wizard.content import (
        Content,
        LazyRecords,
        read_content_tables,
        read_records,
    )
    from parcours.wizard.flow import step
    from parcours.wizard.model import TABLES

    tables = read_content_tables()
    lazy, eager = LazyRecords(tables), read_records(tables)
    for name in TABLES:
        assert getattr(lazy, name) == getattr(eager, name), name

    fresh = Content(LazyRecords(read_content_tables()))
    first = step(fresh, {}, TODAY)
    assert first.question is not None and first.question.id == "situation"
    assert set(fresh.records.__dict__["_typed"]) == {"questions"}  # no pathway typed

    folder = copy_data(tmp_path / "data")
    for path in sorted((folder / "content").glob("*.json")):
        db = json.loads(path.read_text(encoding="utf-8"))
        for row in db.get("pathways", {}).values():
            if row["id"] == "ps_holder_first_card":
                row["steps"][0]["text"] = {"en": "no French"}
                path.write_text(json.dumps(db, ensure_ascii=False), encoding="utf-8")
    broken = LazyRecords(read_content_tables(folder))
    assert broken.questions == eager.questions  # the other tables still read
    with pytest.raises(ContentError, match="ps_holder_first_card.*French text missing"):
        _ = broken.pathways
    with pytest.raises(ContentError, match="ps_holder_first_card.*French text missing"):
        read_records(read_content_tables(folder))
