"""The kiosk behind a real OpenSSH server, configured with exactly the README's block.

The test starts its own ``sshd`` on 127.0.0.1 (a free high port, a throwaway host key, a
generated client key, everything in a temporary folder), with the README's ``sshd_config`` block
where only the account name and the command's path are replaced (the checkout's code run by this
Python), plus ``XDG_DATA_HOME`` pointing into the temporary folder. Clients are real ``ssh -tt``
processes inside tmux at 80x24. Every wait is bounded; sshd is killed at the end.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)
TOOLS = {"sshd": SSHD, **{t: shutil.which(t) for t in ("ssh", "ssh-keygen", "tmux")}}

if not all(TOOLS.values()):
    missing = ", ".join(name for name, path in TOOLS.items() if not path)
    if os.environ.get("CI"):
        pytest.fail(f"{missing} required (.ci/run installs openssh-server, openssh-client, tmux)")
    pytest.skip(f"{missing} not installed", allow_module_level=True)

CODE = re.compile(r"code de reprise : ([a-z]+-[a-z]+-[0-9]{2})")


def readme_block() -> str:
    """The sshd_config block between the README's markers."""
    text = README.read_text(encoding="utf-8")
    inside = text.split("<!-- sshd-kiosk:begin -->", 1)[1].split("<!-- sshd-kiosk:end -->", 1)[0]
    fenced = re.search(r"```[a-z_]*\n(.*?)```", inside, re.S)
    assert fenced, "the README's sshd block is not fenced"
    return fenced.group(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A private sshd, and what a client needs to reach it."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.port = free_port()
        self.user = getpass.getuser()
        self.data = tmp / "data"
        self.key = tmp / "client_key"
        self.proc: subprocess.Popen[bytes] | None = None

    def config(self) -> str:
        block = readme_block()
        assert "Match User parcours" in block and "/opt/parcours/bin/parcours" in block
        command = f"env PYTHONPATH={ROOT} {sys.executable} -m parcours"
        block = block.replace("Match User parcours", f"Match User {self.user}")
        block = block.replace("/opt/parcours/bin/parcours", command)
        # Test-only lines, outside the README's block but inside its Match: the sessions go to
        # the temporary folder, never to the real home directory.
        block += f"    SetEnv XDG_DATA_HOME={self.data}\n"
        return (
            f"Port {self.port}\nListenAddress 127.0.0.1\n"
            f"HostKey {self.tmp / 'host_key'}\nPidFile {self.tmp / 'sshd.pid'}\n"
            f"AuthorizedKeysFile {self.tmp / 'authorized_keys'}\n"
            "StrictModes no\nUsePAM no\nPasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\n"
            "LogLevel VERBOSE\n" + block
        )

    def start(self) -> None:
        for name in ("host_key", "client_key"):
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(self.tmp / name)],
                check=True,
                timeout=30,
            )
        shutil.copy(self.tmp / "client_key.pub", self.tmp / "authorized_keys")
        conf = self.tmp / "sshd_config"
        conf.write_text(self.config(), encoding="utf-8")
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation
        check = subprocess.run(
            [str(SSHD), "-t", "-f", str(conf)], capture_output=True, text=True, timeout=30
        )
        if check.returncode != 0:
            pytest.skip(f"sshd cannot run here: {check.stderr.strip()}")
        log = open(self.tmp / "sshd.log", "wb")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(conf)], stderr=log)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("sshd did not start: " + (self.tmp / "sshd.log").read_text())

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)

    def ssh(self, *args: str) -> list[str]:
        return [
            "ssh",
            "-F",
            "/dev/null",
            "-i",
            str(self.key),
            "-p",
            str(self.port),
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            f"UserKnownHostsFile={self.tmp / 'known_hosts'}",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "ConnectTimeout=10",
            *args,
            f"{self.user}@127.0.0.1",
        ]

    def wizards(self) -> list[int]:
        """Processes started by this sshd's forced command (found by their environment)."""
        found = []
        marker = f"XDG_DATA_HOME={self.data}".encode()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                environ = (entry / "environ").read_bytes()
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if marker in environ.split(b"\0") and b"parcours" in cmdline:
                found.append(int(entry.name))
        return found

    def sessions(self) -> dict[str, dict]:
        folder = self.data / "parcours" / "sessions"
        return {
            p.stem: json.loads(p.read_text(encoding="utf-8"))["answers"]
            for p in folder.glob("*.json")
        }


class Terminals:
    """One tmux server; one window per person, each running ``ssh -tt``."""

    def __init__(self) -> None:
        self.socket = f"parcours-ssh-{uuid.uuid4().hex[:8]}"

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20
        ).stdout

    def open(self, name: str, command: list[str]) -> None:
        line = " ".join(command) + f"; echo {name}-gone; sleep 60"
        self.run("new-session", "-d", "-s", name, "-x", "80", "-y", "24", line)

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def keys(self, name: str, *keys: str) -> None:
        self.run("send-keys", "-t", name, *keys)
        time.sleep(0.15)  # one key at a time over the link, like a person

    def wait_for(self, name: str, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen(name)
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{name}: {text!r} never appeared; screen was:\n{self.screen(name)}")

    def kill(self, name: str) -> None:
        """Kill the ssh client at once (the connection drops, as on a lost link)."""
        pane_pid = self.run("display-message", "-p", "-t", name, "#{pane_pid}").strip()

        def clients() -> list[str]:
            return subprocess.run(
                ["pgrep", "-P", pane_pid, "ssh"], capture_output=True, text=True, timeout=10
            ).stdout.split()

        for pid in clients():
            os.kill(int(pid), signal.SIGKILL)
        # The killed client leaves the terminal in the full-screen mode: wait for the process.
        assert wait_until(lambda: clients() == [])
        self.run("kill-session", "-t", name)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(tmp_path)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def terms() -> Iterator[Terminals]:
    t = Terminals()
    yield t
    t.run("kill-server")


def wait_until(predicate, timeout: float = 15.0) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def start_walk(terms: Terminals, name: str, server: Server) -> str:
    """Connect, start a walk; the resume code shown on screen."""
    terms.open(name, server.ssh("-tt"))
    welcome = terms.wait_for(name, "Reprendre avec un code")
    assert "Reprendre la dernière" not in welcome and "Continuer" not in welcome
    terms.keys(name, "Enter")
    first = terms.wait_for(name, "Étape 1")
    found = CODE.search(first)
    assert found, first
    return found.group(1)


def choose(terms: Terminals, name: str, downs: int) -> None:
    terms.keys(name, *["Down"] * downs)
    terms.keys(name, "Enter")


def test_one_person_at_a_time_over_a_real_sshd(server: Server, terms: Terminals):
    # Person A: protection subsidiaire holder in Seine-Saint-Denis, up to the last question.
    code_a = start_walk(terms, "a", server)
    terms.keys("a", "Enter")  # nothing chosen yet: Enter does not answer
    terms.wait_for("a", "Choisissez une réponse")
    choose(terms, "a", 1)  # ps_holder
    terms.wait_for("a", "Étape 2")
    choose(terms, "a", 1)  # no card yet
    terms.wait_for("a", "Étape 3")
    choose(terms, "a", 2)  # married: no
    terms.wait_for("a", "Étape 4")
    terms.keys("a", "93200")
    terms.keys("a", "Enter")
    terms.wait_for("a", "Étape 5")
    terms.keys("a", "31/05/2027")
    terms.keys("a", "Enter")
    terms.wait_for("a", "Étape 6")
    assert wait_until(lambda: len(server.sessions()) == 1)
    (answers_a,) = server.sessions().values()
    assert answers_a["residence"] == "93200" and answers_a["married"] is False

    # A's connection drops: the wizard on the server goes too, the answers stay.
    terms.kill("a")
    assert wait_until(lambda: server.wizards() == [])

    # Person B sees nothing of A, and answers something else while A comes back.
    code_b = start_walk(terms, "b", server)
    assert code_b != code_a
    screen = terms.screen("b")
    assert "Seine-Saint-Denis" not in screen and "93200" not in screen
    terms.keys("b", "r")
    assert "Aucune réponse" in terms.wait_for("b", "Vos réponses")
    terms.keys("b", "Escape")
    terms.wait_for("b", "Étape 1")
    choose(terms, "b", 5)  # tourist rental
    terms.wait_for("b", "Étape 2")

    # A reconnects (B still connected) with the code, read aloud and typed with spaces.
    terms.open("a2", server.ssh("-tt"))
    welcome = terms.wait_for("a2", "Reprendre avec un code")
    assert "Continuer" not in welcome and "Reprendre la dernière" not in welcome
    terms.keys("a2", "Down", "Enter")
    terms.wait_for("a2", "Tapez le code")
    terms.keys("a2", code_a.replace("-", " "))
    terms.keys("a2", "Enter")
    resumed = terms.wait_for("a2", "Étape 6")
    assert code_a in resumed
    choose(terms, "a2", 2)  # travel: no
    plan = terms.wait_for("a2", "Votre plan d'action")
    for _ in range(6):
        if "Seine-Saint-Denis" in plan:
            break
        terms.keys("a2", "PageDown")
        plan = terms.screen("a2")
    assert "Seine-Saint-Denis" in plan

    # Two connections at once: two intact sessions.
    sessions = server.sessions()
    assert len(sessions) == 2
    by_situation = {answers["situation"]: answers for answers in sessions.values()}
    assert by_situation["ps_holder"] == {**answers_a, "travel": False}
    assert set(by_situation) == {"ps_holder", next(s for s in by_situation if s != "ps_holder")}
    assert len(by_situation[next(s for s in by_situation if s != "ps_holder")]) == 1

    # Quitting ends the connection, and no wizard is left behind.
    terms.keys("a2", "q")
    terms.wait_for("a2", "Oui, quitter")
    terms.keys("a2", "y")
    terms.wait_for("a2", "a2-gone", 15)  # the client's shell line runs: ssh has ended
    terms.kill("b")
    assert wait_until(lambda: server.wizards() == [])
    # Nothing but sessions (and their locks, and the wrong-code counter) was written.
    written = {p.relative_to(server.data).parts[:2] for p in server.data.rglob("*") if p.is_file()}
    assert written == {("parcours", "sessions")}


def test_no_command_no_terminal_no_forwarding(server: Server):
    # `ssh host ls`: the forced command runs instead, sees no terminal and starts plain mode,
    # which ends at once on the empty input.
    started = time.monotonic()
    out = subprocess.run(
        server.ssh("-T") + ["ls", "/"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert time.monotonic() - started < 15
    assert out.returncode == 0, out.stderr
    assert "\nbin\n" not in out.stdout and "\netc\n" not in out.stdout  # no listing
    assert "mode texte" in out.stdout and "\x1b" not in out.stdout  # plain lines, no escapes
    assert server.wizards() == []  # nothing left running after `ssh -T`
    # A port forward is refused by the server.
    local = free_port()
    forward = subprocess.Popen(
        server.ssh("-N", "-L", f"{local}:127.0.0.1:{server.port}"),
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        data = b"?"
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", local), timeout=5) as conn:
                    conn.settimeout(5)
                    data = conn.recv(100)  # sshd's banner, if the forward were allowed
                break
            except OSError:
                time.sleep(0.2)
        assert data == b""
    finally:
        forward.kill()  # our own client; it would wait for the refused channel otherwise
        _, err = forward.communicate(timeout=15)
    assert "administratively prohibited" in err
    # And so is a stdio forward (-W).
    out = subprocess.run(
        server.ssh("-W", f"127.0.0.1:{server.port}"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode != 0 and "SSH-" not in out.stdout
    assert not (server.data / "parcours").exists()  # nothing was written
