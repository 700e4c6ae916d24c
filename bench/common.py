"""What the benchmarks share: synthetic text, the command to time, how a command is
measured (`measure`, `measure_runs`, `measure_call`), the README sections."""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "bench" / "README.md"

WORDS = (
    "review audit social worker team manager referral assessment plan child family "
    "meeting weekly monthly monitoring protocol safeguarding partner agency training "
    "completed agreed implemented progress service delivery manager quality case file "
    "improvement timescale outcome evidence dashboard recording & < > £ – 'quoted'"
).split()
HEADERS = ["Priority", "Ref", "Recommendation", "Action", "Outcome", "Source", "Measure",
           "Timescale", "Lead", "Target date", "Progress", "Status"]
STATUSES = ["Complete", "On track", "At risk", "Behind schedule", "Not started"]


def words(rng: random.Random, low: int, high: int) -> str:
    """Between `low` and `high` words of council-flavoured text (with & < > £ – quotes)."""
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def child_env() -> dict[str, str]:
    """The environment for a measured command: as a user's, with compiled bytecode kept.

    A PYTHONDONTWRITEBYTECODE in the benchmark's own environment (some sandboxes set it)
    would make every run compile the pipeline's modules from source again, about 0.1 s of
    CPU a command that no user's installed copy spends.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def warm_up(args: list[str], cwd: Path | None = None) -> None:
    """Run a command once, unmeasured, so that its bytecode is compiled and cached."""
    import subprocess

    subprocess.run(args, env=child_env(), stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False, cwd=cwd)


@dataclass(frozen=True)
class Measured:
    """One run of a command in a subprocess."""

    wall: float  # seconds, start to exit
    cpu: float  # seconds of user + system time: the command's and its workers' (os.wait4)
    peak_mb: float  # the command's largest resident set (its own, not its workers')
    code: int  # exit code
    stdout: str
    stderr: str


def measure(args: list[str], *, cwd: Path | None = None, check: bool = True) -> Measured:
    """Run `args` once as a user would (the environment of `child_env`) and measure it.

    The child's output goes to temporary files, so that a talkative command cannot block on
    a full pipe while it is waited for. With `check`, a failed command stops the benchmark
    with its output."""
    import subprocess
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, env=child_env(), cwd=cwd)
        watch = _HighWater(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        watch.stop()
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    if check and code != 0:
        raise SystemExit(f"command failed ({code}): {' '.join(args)}\n{stdout}\n{stderr}")
    # ru_maxrss (KiB on Linux) counts the benchmark's own memory too: the child was this
    # process until it ran the command, and Linux keeps the larger figure across exec.
    peak_kib = watch.peak_kib or usage.ru_maxrss
    return Measured(wall, usage.ru_utime + usage.ru_stime, peak_kib / 1024, code,
                    stdout, stderr)


class _HighWater:
    """The command's own peak resident set (VmHWM in /proc, which only grows), read every
    few milliseconds until it ends; 0 where /proc cannot be read or it ended first."""

    def __init__(self, pid: int) -> None:
        import threading

        self.path = Path(f"/proc/{pid}/status")
        self.peak_kib = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        while not self.done.is_set():
            try:
                text = self.path.read_text()
            except OSError:
                return
            if "VmHWM:" in text:  # a zombie has none: keep the last figure read
                self.peak_kib = max(self.peak_kib,
                                    int(text.split("VmHWM:", 1)[1].split()[0]))
            self.done.wait(0.005)

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


@dataclass(frozen=True)
class Runs:
    """Several runs of one command: medians of time, the largest peak memory."""

    runs: list[Measured]

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)

    @property
    def walls(self) -> list[float]:
        """Every run's wall time, shortest first (the range)."""
        return sorted(r.wall for r in self.runs)


def measure_runs(args: list[str], runs: int, *, cwd: Path | None = None,
                 warm: bool = True) -> Runs:
    """`runs` measured runs of `args`, after one unmeasured run (with `warm`) so that its
    bytecode is compiled and cached, as on a user's computer."""
    if warm:
        warm_up(args, cwd=cwd)
    return Runs([measure(args, cwd=cwd) for _ in range(runs)])


def measure_call(work: Callable[[], T]) -> tuple[float, float, T]:
    """(wall seconds, CPU seconds of the child processes it ran, its result) of an
    in-process call whose work is done by other processes (LibreOffice converting)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = work()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result


def committee_command() -> list[str]:
    """The installed `committee` script beside this Python, else `python -m pipeline`."""
    script = Path(sys.executable).parent / "committee"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "pipeline"]


def write_readme(name: str, section: str) -> None:
    """Replace the text between <!-- NAME:start --> and <!-- NAME:end --> in bench/README.md."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    block = f"{start}\n{section}\n{end}"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


def publish(name: str, section: str, *, readme: bool = True) -> None:
    """Print the benchmark's section and, unless `readme` is off (--no-readme), put it in
    bench/README.md between its markers."""
    print(section)
    if readme:
        write_readme(name, section)
        print(f"Results written to {README.relative_to(ROOT)}")
