"""The command line as users and other tools drive it: subprocesses, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import HOLDER_93

ROOT = Path(__file__).resolve().parents[1]


def run(args, stdin=None, cwd=None):
    """Run the CLI from another directory, as a newcomer would."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "parcours", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


@pytest.fixture
def answers_file(tmp_path):
    def write(obj, name="answers.json"):
        path = tmp_path / name
        path.write_text(obj if isinstance(obj, str) else json.dumps(obj), encoding="utf-8")
        return str(path)

    return write


def test_step_from_stdin_prints_the_first_question(tmp_path):
    result = run(["step", "--answers", "-", "--json"], stdin="{}", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["done"] is False
    q = out["question"]
    assert q["id"] == "situation" and q["type"] == "single_choice"
    assert {"id", "type", "text", "help", "options", "min", "max"} <= set(q)
    assert [o["id"] for o in q["options"]][:2] == ["ps_holder", "ps_family"]


def test_step_gives_min_max_for_dates(tmp_path):
    answers = json.dumps(
        {
            "situation": "ps_family",
            "family_has_card": False,
            "family_link": "child",
            "reunification": False,
        }
    )
    result = run(
        ["step", "-a", "-", "--json", "--today", "2026-11-23"], stdin=answers, cwd=tmp_path
    )
    q = json.loads(result.stdout)["question"]
    assert q["id"] == "birth_date" and q["options"] == []
    assert q["min"] == "1906-11-23" and q["max"] == "2026-11-23"


def test_step_done_returns_the_plan(tmp_path, answers_file):
    result = run(
        ["step", "-a", answers_file(HOLDER_93), "--json", "--today", "2026-11-23"], cwd=tmp_path
    )
    out = json.loads(result.stdout)
    assert out["done"] is True
    plan = out["plan"]
    assert plan["authority"]["name"] == "Préfecture de la Seine-Saint-Denis (Bobigny)"
    assert plan["costs"] == [
        {**plan["costs"][0], "label": "Droit de timbre pour la carte de séjour", "amount_eur": 50}
    ]
    deadlines = {d["id"]: d["date"] for d in plan["deadlines"]}
    assert deadlines == {
        "request_window_opens": "2027-01-31",
        "request_window_closes": "2027-03-31",
    }
    assert any(d["id"] == "ps_decision" for d in plan["documents"])


def test_plan_text_acceptance_scenario(tmp_path, answers_file):
    """Protection subsidiaire holder in Seine-Saint-Denis (issue 2's acceptance)."""
    result = run(["plan", "-a", answers_file(HOLDER_93), "--today", "2026-11-23"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "pluriannuelle" in text and "4 ans" in text
    assert "50 €" in text and "a pu changer" in text  # 2026 finance law, with its caution
    assert "Décision de l'Ofpra ou de la CNDA" in text
    assert "Préfecture de la Seine-Saint-Denis" in text
    assert "au plus tôt 4 mois et au plus tard 2 mois" in text
    # The window as dates with their weekday: 4 and 2 months before 31/05/2027.
    assert "dimanche 31 janvier 2027" in text and "mercredi 31 mars 2027" in text
    # Sources by their title and date, never by a file name or hash.
    assert "[1] Service-public : protection subsidiaire" in text
    assert ".txt" not in text and "ea53023f" not in text
    assert "\x1b" not in text


def test_plan_json_to_output_file(tmp_path, answers_file):
    out = tmp_path / "plan.json"
    result = run(
        [
            "plan",
            "-a",
            answers_file(HOLDER_93),
            "--format",
            "json",
            "--output",
            str(out),
            "--lang",
            "en",
        ],
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["lang"] == "en"
    assert plan["pathways"][0]["title"].startswith("Multi-year residence card")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


BAD = {
    "not json": ("{oops", "not valid JSON"),
    "not an object": ("[1, 2]", "must be a JSON object"),
    "empty file": ("", "is empty"),
    "NaN constant": ('{"ps_years": NaN}', "not valid JSON"),
    "unknown question": ({"colour": "blue"}, "question 'colour': unknown question id"),
    "wrong type": ({"situation": ["ps_holder"]}, "question 'situation': expected an option id"),
    "unknown option": ({"situation": "astronaut"}, "question 'situation': unknown option"),
    "impossible date": (
        {"situation": "ps_holder", "ps_card": "none_yet", "document_expiry": "2027-02-30"},
        "question 'document_expiry'",
    ),
    "absurd date": (
        {"situation": "ps_holder", "ps_card": "none_yet", "document_expiry": "9999-01-01"},
        "date out of range",
    ),
    "boolean as string": (
        {"situation": "ps_holder", "ps_card": "none_yet", "married": "no"},
        "question 'married': expected true or false",
    ),
    "huge text": ({"situation": "x" * 5000}, "question 'situation': unknown option"),
    "control characters": ({"residence": "93\x07"}, "question 'residence'"),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("command", ["step", "plan"])
def test_bad_input_exits_2_with_one_line(tmp_path, answers_file, case, command):
    payload, fragment = BAD[case]
    args = [command, "-a", answers_file(payload), "--lang", "en"]
    result = run([*args, "--json"] if command == "step" else args, cwd=tmp_path)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert fragment in lines[0], lines[0]
    assert len(lines[0]) < 300, "a value echoed in an error is shortened"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["step", "-a", "/no/such/file.json", "--json"], "impossible de lire le fichier"),
        (["step", "-a", "-", "--json", "--today", "2026-13-01"], "--today"),
        (["step", "-a", "-", "--json", "--lang", "de"], "lang"),
        (["step", "-a", "-", "--json", "--flow", "nowhere"], "questionnaire inconnu"),
        (["plan", "-a", "-"], "question « situation » : pas encore de réponse"),
        (["plan", "-a", "-", "--format", "pdf"], "format"),
        (["plan"], "Option manquante '--answers'"),
        (["frobnicate"], "Commande inconnue 'frobnicate'"),
        (["step", "-a", "-", "--colour"], "Option inconnue"),
    ],
)
def test_bad_options_exit_2(tmp_path, args, fragment):
    result = run(args, stdin="{}", cwd=tmp_path)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["step", "-a", "-", "--json", "--flow", "nowhere"], "unknown flow"),
        (["plan", "-a", "-"], "question 'situation': not answered yet"),
        (["plan", "-a", "-", "--format", "nope"], "'nope' is not one of 'text'"),
        (["plan"], "Missing option '--answers'"),
        (["frobnicate"], "No such command 'frobnicate'"),
        (["authority", "Metz"], "Missing option '--procedure'"),
        (["step", "-a", "-", "--colour"], "No such option"),
    ],
)
def test_the_same_errors_in_english_with_lang_en(tmp_path, args, fragment):
    result = run([*args, "--lang", "en"], stdin="{}", cwd=tmp_path)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["authority", "Metz"], "Option manquante '--procedure' / '-p'."),
        (["nonsense"], "Commande inconnue 'nonsense'."),
        (["plan", "-a", "-", "--format", "nope"], "Valeur invalide pour '--format' / '-f' :"),
    ],
)
def test_usage_errors_are_french_by_default(tmp_path, args, fragment):
    result = run(args, stdin="{}", cwd=tmp_path)
    assert result.returncode == 2
    assert fragment in result.stderr and "(voir parcours --help)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_the_locale_chooses_english_and_help_is_french_by_default(tmp_path):
    english = subprocess.run(
        [sys.executable, "-m", "parcours", "nonsense"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "LANG": "en_GB.UTF-8", "LC_ALL": ""},
        timeout=60,
    )
    assert "No such command 'nonsense'" in english.stderr
    helped = run(["--help"], cwd=tmp_path)
    assert helped.returncode == 0
    assert "Utilisation :" in helped.stdout and "Afficher ce message" in helped.stdout
    assert "Langue de l'assistant." in helped.stdout and "--plain" in helped.stdout
    assert "Usage:" in run(["--help", "--lang", "en"], cwd=tmp_path).stdout


def test_errors_in_english_with_lang_en(tmp_path):
    result = run(
        ["step", "-a", "-", "--json", "--lang", "en"], stdin='{"residence": "01200"}', cwd=tmp_path
    )
    assert result.returncode == 2
    assert "covers several départements" in result.stderr
    assert "Haute-Savoie (74)" in result.stderr


def test_output_to_a_directory_is_refused(tmp_path, answers_file):
    result = run(
        ["plan", "--lang", "en", "-a", answers_file(HOLDER_93), "-o", str(tmp_path)], cwd=tmp_path
    )
    assert result.returncode == 2 and "is a directory" in result.stderr


def test_check_data_command(tmp_path):
    result = run(["check-data"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "OK" in result.stdout


def test_check_data_warns_about_old_reviews_and_still_exits_0(tmp_path):
    result = run(["check-data", "--today", "2028-06-01"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "! to review: documents 'e_photo': last reviewed" in result.stdout
    assert "OK" in result.stdout.splitlines()[-1]


def test_check_data_on_a_broken_copy_exits_1(tmp_path):
    import shutil

    shutil.copytree(ROOT / "data" / "content", tmp_path / "d" / "content")
    shutil.copytree(ROOT / "data" / "geo", tmp_path / "d" / "geo")
    core = tmp_path / "d" / "content" / "core.json"
    core.write_text(
        core.read_text(encoding="utf-8").replace('"fr": "Situation"', '"fr": ""'), encoding="utf-8"
    )
    result = run(["check-data", "--data-dir", str(tmp_path / "d")], cwd=tmp_path)
    assert result.returncode == 1
    assert "core.json, questions 'situation': label: French text missing" in result.stdout


def test_help_and_version(tmp_path):
    result = run(["--help"], cwd=tmp_path)
    assert result.returncode == 0
    for command in ("step", "plan", "check-data"):
        assert command in result.stdout
    assert run(["--version"], cwd=tmp_path).stdout.startswith("parcours ")


def test_plan_does_not_import_textual(tmp_path, answers_file):
    code = (
        "import sys\n"
        "from parcours.wizard.cli import app\n"
        "try:\n"
        f"    app(['plan', '-a', {answers_file(HOLDER_93)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'NO-TEXTUAL', file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert "PLAN D'ACTION" in result.stdout
    assert result.stderr.strip().endswith("NO-TEXTUAL")


def test_a_mistyped_command_is_suggested_once_in_the_run_language(tmp_path):
    result = run(["stepp", "-a", "-"], stdin="{}", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("step") == 2, result.stderr  # the typo and one suggestion
    assert "Vouliez-vous dire 'step' ?" in result.stderr and "Did you mean" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_call_builds_only_the_command_it_runs(tmp_path, answers_file):
    """Typer reads the signature of every registered command at each call: a call registers
    only the one its first argument names, and every other call keeps them all."""
    code = (
        "import sys\n"
        "from parcours.wizard import cli\n"
        "sys.argv = ['parcours', *sys.argv[1:]]\n"
        "try:\n"
        "    cli.main()\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
        "names = [c.name for c in cli.app.registered_commands]\n"
        "names.append(cli.app.registered_callback.callback.__name__)\n"
        "names += [g.name for g in cli.app.registered_groups]\n"
        "print('REGISTERED', ' '.join(names), file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}

    def registered(*args):
        result = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=60,
        )
        return result.stdout, result.stderr.strip().splitlines()[-1]

    out, names = registered("plan", "-a", answers_file(HOLDER_93))
    assert "PLAN D'ACTION" in out and names == "REGISTERED plan _command_only"
    out, names = registered("content", "--help")
    assert "export" in out and names == "REGISTERED _command_only content"
    out, names = registered("--help")
    assert names == "REGISTERED step plan check-data authority main_callback content"
    for command in ("step", "plan", "check-data", "authority", "content"):
        assert command in out


def test_output_that_cannot_be_written_ends_in_one_line(tmp_path, answers_file):
    """Commands leave without tearing the interpreter down (launch.leave): what is left in the
    output buffer is flushed first, and a write that fails is still one line, never silence."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "parcours", "plan", "-a", answers_file(HOLDER_93)]
    # The reader went away at once: the status a shell gives SIGPIPE, and nothing said.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 141 and err == b""
    if Path("/dev/full").exists():  # a full disk
        with open("/dev/full", "w") as full:
            result = subprocess.run(
                cmd, stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=60
            )
        assert result.returncode == 1
        assert result.stderr.startswith("parcours: impossible d'écrire la sortie : ")
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    # The whole plan reaches a pipe, to its last byte, as the command made it in-process.
    from parcours.wizard.cli import app
    from typer.testing import CliRunner

    day = ["--today", "2026-11-23"]
    done = subprocess.run(cmd + day, capture_output=True, text=True, env=env, timeout=60)
    made = CliRunner().invoke(app, cmd[3:] + day)
    assert done.returncode == 0 and done.stderr == "" and made.exit_code == 0
    assert done.stdout == made.stdout and "PLAN D'ACTION" in done.stdout
