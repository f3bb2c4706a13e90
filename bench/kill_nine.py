"""`kill -9` every long-running command of `cppcc-desk`, then check what it left.

For each command a copy of a prepared data folder is made, the command is started and
killed with SIGKILL at a random moment spread over its uninterrupted run time (5 ms to
just before it ends). After every kill:

- `check` and `info` open the database without error, `PRAGMA integrity_check` is ok;
- the per-table row counts are exactly as before or exactly as after the command (an
  import happened entirely or not at all; an output command changed no data);
- every file that looks finished (.xlsx, .docx, .cppccx, .cppccr, a backup .sqlite3) is
  complete and readable; anything else left behind is listed;
- the same command run again succeeds (no stale lock, temp file or `.partial` in the way)
  and leaves the data as after one uninterrupted run;
- exchange export: every file written (after the kill and the re-run) imports at the city,
  in order; exchange import: the file imports again (nothing new), the receipt imports at
  the county.

    .venv/bin/python bench/kill_nine.py [--kills 15] [--only NAME ...] [--seed 9]
"""

# ruff: noqa: T201  (a bench prints its findings)

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import docx  # noqa: E402
import openpyxl  # noqa: E402

from tests.data_safety.big_files import people, write_records, write_roster  # noqa: E402

DB = "cppcc-desk.sqlite3"
# The audit trail and the exchange history record each attempt (a second import of one
# file adds a "received" row with nothing new): logs of what was done, not the data.
LOGS = {"audit_entry", "exchange_log"}
FINISHED = {".xlsx", ".docx", ".cppccx", ".cppccr", ".sqlite3", ".cppccbak", ".cppcccard"}
IGNORED = {"cppcc-desk.lock", "window.ini"}

# One process imports the program once, then forks a fresh `cppcc-desk` run per command,
# so each killed run is a real process running ui.entry.main without a second of start-up.
_LAUNCHER = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import ui.entry
for line in sys.stdin:
    verb, rest = line.split(" ", 1)
    if verb == "run":
        job = json.loads(rest)
        pid = os.fork()
        if pid == 0:
            log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            os.dup2(log, 1)
            os.dup2(log, 2)
            code = 1
            try:
                code = ui.entry.main(job["argv"])
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code or 0)
        reply = pid
    else:
        status = os.waitpid(int(rest), 0)[1]
        reply = os.waitstatus_to_exitcode(status)
    sys.stdout.write(f"{reply}\\n")
    sys.stdout.flush()
"""


class Launcher:
    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._lock = threading.Lock()

    def _ask(self, line: str) -> int:
        assert self._process.stdin is not None and self._process.stdout is not None
        with self._lock:
            self._process.stdin.write(line + "\n")
            self._process.stdin.flush()
            return int(self._process.stdout.readline())

    def start(self, argv: list[str], log: Path) -> int:
        return self._ask("run " + json.dumps({"argv": argv, "log": str(log)}))

    def wait(self, pid: int) -> int:
        return self._ask(f"wait {pid}")

    def run(self, argv: list[str], log: Path) -> tuple[int, str]:
        code = self.wait(self.start(argv, log))
        return code, log.read_text("utf-8", "replace")

    def close(self) -> None:
        self._process.communicate(timeout=30)


# ---------------------------------------------------------------- what is checked


def counts(db: Path) -> dict[str, int]:
    with closing(sqlite3.connect(db)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            for t in sorted(tables)
            if t not in LOGS
        }


def integrity(db: Path) -> str:
    with closing(sqlite3.connect(db)) as conn:
        return "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))


def check_file(path: Path) -> str | None:
    """None when the file is complete and readable, else what is wrong."""
    try:
        suffix = path.suffix
        if suffix == ".xlsx":
            book = openpyxl.load_workbook(path, read_only=True)
            for sheet in book.worksheets:
                for _ in sheet.iter_rows(values_only=True):
                    pass
            book.close()
        elif suffix == ".docx":
            docx.Document(str(path))
        elif suffix in {".cppccx", ".cppccr", ".cppccbak"}:
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as z:
                    bad = z.testzip()
                    if bad:
                        return f"damaged member {bad}"
            elif path.stat().st_size == 0:
                return "empty"
        elif suffix == ".sqlite3":
            found = integrity(path)
            if found != "ok":
                return found
            if not counts(path):
                return "no tables"
    except Exception as exc:  # any failure to read is the finding
        return f"{type(exc).__name__}: {exc}"
    return None


def scan(folders: list[Path]) -> tuple[list[str], list[str]]:
    """(finished-looking files that are broken, other files left behind)."""
    broken, leftovers = [], []
    for folder in folders:
        if not folder.exists():
            continue
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.name in IGNORED or path.parent.name == "logs":
                continue
            if path.name == DB or path.name.startswith(DB + "-"):
                if path.name != DB and path.stat().st_size > 0:
                    leftovers.append(path.name)  # a journal: SQLite rolls it back on open
                continue
            if path.suffix in FINISHED and not path.name.startswith((".", "~")):
                problem = check_file(path)
                if problem:
                    broken.append(f"{path.name}: {problem}")
            elif path.suffix not in {".before-restore"}:
                leftovers.append(path.name)
    return broken, leftovers


# ---------------------------------------------------------------- the commands


@dataclass
class World:
    root: Path
    templates: dict[str, Path] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)


@dataclass
class Command:
    name: str
    template: str
    argv: Callable[[World, Path, Path], list[str]]  # (world, data folder, out folder)
    rerun_extra: tuple[str, ...] = ()
    follow_up: Callable[[Launcher, World, Path, Path], list[str]] | None = None


def export_follow_up(launcher: Launcher, world: World, data: Path, out: Path) -> list[str]:
    """Every exchange file written imports at a copy of the city, in sequence order."""
    problems = []
    city = out.parent / "city"
    if city.exists():
        shutil.rmtree(city)
    shutil.copytree(world.templates["city"], city)
    files = sorted(out.glob("*.cppccx"))
    if not files:
        problems.append("no exchange file after the re-run")
    for n, file in enumerate(files):
        code, text = launcher.run(
            ["--data-dir", str(city), "exchange", "import", str(file), "--receipt-dir", str(out)],
            out.parent / f"city-import{n}.log",
        )
        if code != 0:
            problems.append(f"city import of {file.name} failed ({code}): {text.strip()[-300:]}")
    return problems


def import_follow_up(launcher: Launcher, world: World, data: Path, out: Path) -> list[str]:
    """The file imports again (nothing new), and the county takes the receipt."""
    problems = []
    before = counts(data / DB)
    code, text = launcher.run(
        ["--data-dir", str(data), "exchange", "import", str(world.files["cppccx"]),
         "--receipt-dir", str(out)],
        out.parent / "again.log",
    )  # fmt: skip
    if code != 0:
        problems.append(f"third import failed ({code}): {text.strip()[-300:]}")
    if counts(data / DB) != before:
        problems.append("the third import changed the data")
    county = out.parent / "county"
    shutil.copytree(world.templates["county_sent"], county)
    receipts = sorted(out.glob("*.cppccr"))
    if not receipts:
        problems.append("no receipt written")
    for n, receipt in enumerate(receipts):
        code, text = launcher.run(
            ["--data-dir", str(county), "exchange", "import", str(receipt)],
            out.parent / f"receipt{n}.log",
        )
        if code != 0:
            problems.append(f"receipt {receipt.name} refused ({code}): {text.strip()[-300:]}")
    code, text = launcher.run(
        ["--data-dir", str(county), "exchange", "export", "--to", "150500", "--out", str(out)],
        out.parent / "next-export.log",
    )
    if code != 0:
        problems.append(f"the county cannot send its next file ({code}): {text.strip()[-300:]}")
    return problems


COMMANDS = [
    Command("members import", "empty",
            lambda w, d, o: ["members", "import", str(w.files["roster"])]),
    Command("records import", "roster",
            lambda w, d, o: ["records", "import", str(w.files["records"])]),
    Command("proposals import", "roster",
            lambda w, d, o: ["proposals", "import", str(w.files["proposals"])]),
    Command("exchange export", "county",
            lambda w, d, o: ["exchange", "export", "--to", "150500", "--out", str(o), "--full"],
            follow_up=export_follow_up),
    Command("exchange import", "city",
            lambda w, d, o: ["exchange", "import", str(w.files["cppccx"]), "--receipt-dir", str(o)],
            follow_up=import_follow_up),
    Command("backup", "county", lambda w, d, o: ["backup"]),
    Command("restore", "county", lambda w, d, o: ["restore", str(w.files["backup"])]),
    Command("demo", "empty", lambda w, d, o: ["demo"]),
    Command("five-ones", "county",
            lambda w, d, o: ["five-ones", "--year", "2024", "--out", str(o / "考核表.xlsx"),
                             "--notice", str(o / "通报.docx")],
            rerun_extra=("--force",)),
    Command("members export", "county",
            lambda w, d, o: ["members", "export", str(o / "名单.xlsx")], rerun_extra=("--force",)),
]  # fmt: skip


# ---------------------------------------------------------------- preparing


def prepare(launcher: Launcher, root: Path) -> World:
    world = World(root)
    t = root / "templates"

    def cli(data: Path, *argv: str) -> None:
        code, text = launcher.run(["--data-dir", str(data), *argv], root / "prepare.log")
        assert code == 0, (argv, text)

    empty = t / "empty"
    cli(empty, "init", "--level", "county", "--name", "示范县政协", "--code", "150521",
        "--term", "10", "--term-years", "2021-2026")  # fmt: skip
    members = people(300)
    world.files["roster"] = write_roster(root / "委员名单.xlsx", members)
    world.files["records"] = write_records(root / "履职记录.xlsx", members, 3000)
    roster = t / "roster"
    shutil.copytree(empty, roster)
    cli(roster, "members", "import", str(world.files["roster"]))
    county = t / "county"
    shutil.copytree(empty, county)
    cli(county, "demo")
    city = t / "city"
    cli(city, "init", "--level", "city", "--name", "示范市政协", "--code", "150500",
        "--term", "6", "--term-years", "2021-2026")  # fmt: skip
    cards = root / "cards"
    cards.mkdir()
    cli(county, "office", "card", "--out", str(cards / "county.cppcccard"))
    cli(city, "office", "card", "--out", str(cards / "city.cppcccard"))
    cli(county, "office", "trust", str(cards / "city.cppcccard"))
    cli(city, "office", "trust", str(cards / "county.cppcccard"))
    world.files["proposals"] = root / "提案.xlsx"
    cli(county, "proposals", "export", str(world.files["proposals"]))
    backup_copy = root / "county-backup"
    shutil.copytree(county, backup_copy)
    cli(backup_copy, "backup")
    world.files["backup"] = next((backup_copy / "backups").glob("*.sqlite3"))
    sent = t / "county_sent"
    shutil.copytree(county, sent)
    exchange = root / "exchange"
    exchange.mkdir()
    cli(sent, "exchange", "export", "--to", "150500", "--out", str(exchange), "--full")
    world.files["cppccx"] = next(exchange.glob("*.cppccx"))
    for name, path in [("empty", empty), ("roster", roster), ("county", county),
                       ("city", city), ("county_sent", sent)]:  # fmt: skip
        for backups in [path / "backups"]:
            shutil.rmtree(backups, ignore_errors=True)
        world.templates[name] = path
    return world


# ---------------------------------------------------------------- killing


@dataclass
class Outcome:
    delay_ms: float
    state: str  # before / after / other
    problems: list[str]
    leftovers: list[str]


def fresh(world: World, command: Command, work: Path) -> tuple[Path, Path]:
    if work.exists():
        shutil.rmtree(work)
    data, out = work / "data", work / "out"
    shutil.copytree(world.templates[command.template], data)
    out.mkdir(parents=True)
    return data, out


def uninterrupted(launcher: Launcher, world: World, command: Command, work: Path):
    data, out = fresh(world, command, work)
    before = counts(data / DB)
    started = time.monotonic()
    code, text = launcher.run(["--data-dir", str(data), *command.argv(world, data, out)],
                              work / "run.log")  # fmt: skip
    took = time.monotonic() - started
    assert code == 0, text
    return before, counts(data / DB), took


def kill_once(launcher: Launcher, world: World, command: Command, work: Path, delay: float,
              before: dict[str, int], after: dict[str, int]) -> Outcome:  # fmt: skip
    data, out = fresh(world, command, work)
    argv = ["--data-dir", str(data), *command.argv(world, data, out)]
    problems: list[str] = []
    pid = launcher.start(argv, work / "killed.log")
    started = time.monotonic()
    time.sleep(max(0.0, delay - (time.monotonic() - started)))
    took = time.monotonic() - started
    os.kill(pid, signal.SIGKILL)
    code = launcher.wait(pid)
    if code != -signal.SIGKILL:
        problems.append(f"(finished before the kill, exit {code})")
    for verb in ("check", "info"):
        code, text = launcher.run(["--data-dir", str(data), verb], work / f"{verb}.log")
        if code != 0:
            problems.append(f"`{verb}` failed ({code}): {text.strip()[-300:]}")
    found = integrity(data / DB)
    if found != "ok":
        problems.append(f"integrity_check: {found}")
    now = counts(data / DB)
    state = "before" if now == before else "after" if now == after else "other"
    if state == "other":
        diff = {t: (before.get(t), n, after.get(t)) for t, n in now.items() if n != before.get(t)}
        problems.append(f"counts neither before nor after (before, now, after): {diff}")
    broken, leftovers = scan([out, data])
    problems += [f"half-written file left: {b}" for b in broken]
    code, text = launcher.run([*argv, *command.rerun_extra], work / "rerun.log")
    if command.name == "demo" and state == "after" and code == 1 and "已经添加过" in text:
        pass  # the demo was all there: the re-run says so
    elif code != 0 or "Traceback" in text:
        problems.append(f"re-run failed ({code}): {text.strip()[-400:]}")
    elif counts(data / DB) != after and command.name != "demo":
        problems.append("after the re-run the data differs from one uninterrupted run")
    broken, _ = scan([out, data])
    problems += [f"after the re-run, broken file: {b}" for b in broken]
    if command.follow_up is not None:
        problems += command.follow_up(launcher, world, data, out)
    return Outcome(took * 1000, state, problems, leftovers)


def drill(launcher: Launcher, world: World, command: Command, kills: int, seed: int) -> str:
    base = world.root / "runs" / command.name.replace(" ", "-")
    before, after, took = uninterrupted(launcher, world, command, base / "whole")
    rng = random.Random(seed)
    delays = sorted(rng.uniform(0.005, took * 0.97) for _ in range(kills))
    # One at a time: the launcher answers one request at a time, and a kill must land
    # when it is meant to, not after another run's wait.
    outcomes = [kill_once(launcher, world, command, base / f"k{n}", delay, before, after)
                for n, delay in enumerate(delays)]  # fmt: skip
    bad = [o for o in outcomes if [p for p in o.problems if not p.startswith("(finished")]]
    states = {s: sum(o.state == s for o in outcomes) for s in ("before", "after", "other")}
    left = sorted({name for o in outcomes for name in o.leftovers})
    lines = [
        f"{command.name}: {kills} kills over {took * 1000:.0f} ms "
        f"({min(o.delay_ms for o in outcomes):.0f}–{max(o.delay_ms for o in outcomes):.0f} ms); "
        f"data as before {states['before']}, as after {states['after']}, other {states['other']}; "
        + ("all good" if not bad else f"{len(bad)} with problems")
    ]
    if left:
        lines.append(f"  left behind after a kill (not blocking): {', '.join(left[:8])}")
    for o in bad:
        lines.append(f"  kill at {o.delay_ms:.0f} ms ({o.state}):")
        lines += [f"    - {p}" for p in o.problems]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=15)
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="kill-nine-"))
    launcher = Launcher()
    try:
        world = prepare(launcher, root)
        chosen = (
            [c for name in args.only for c in COMMANDS if c.name == name] if args.only else COMMANDS
        )
        for command in chosen:
            n = COMMANDS.index(command)
            started = time.monotonic()
            report = drill(launcher, world, command, args.kills, args.seed + n)
            print(f"{report}  [{time.monotonic() - started:.0f} s]", flush=True)
    finally:
        launcher.close()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"work folder: {root}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
