"""Running one hostile file through the real commands in a child process, with limits.

The third hostile corpus (issue 19) runs every file in its own Python process so that a
hang, a runaway allocation or a crash is caught per file:

- CPU time is limited to `CPU_LIMIT_S` and the address space to `MEMORY_LIMIT_MB` with the
  `resource` module where the platform has it (Linux, macOS); elsewhere those two limits
  are skipped and only the wall-clock timeout applies.
- The wall clock is limited to `WALL_LIMIT_S` (a FIFO that blocks the reader forever ends
  the child there), and the peak memory the child reports must stay under the limit.

The child runs `committee check --format json FILE` and, when asked, one document command
(`committee plan FILE -o OUT`) through Click's CliRunner, and prints one JSON line: the
check's verdict and issues, the command's exit code and output, the document's cell texts,
whether any traceback appeared, and its own time and peak memory. Other helpers' corpora
(templates) reuse `run_child` with their own commands.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
CPU_LIMIT_S = 10
WALL_LIMIT_S = 30  # CPU time is the 10 s limit; the wall clock allows for a loaded machine
MEMORY_LIMIT_MB = 500
# Address space a Python process with lxml, python-docx and numpy maps before it reads
# anything (shared libraries and arenas): the limit is on top of this, measured per run.
ADDRESS_SPACE_SLACK_MB = 700

CHILD = r'''
import json, sys, time, traceback
limits = json.loads(sys.argv[1])
try:
    import resource
except ImportError:  # Windows: no resource limits, the parent's timeout still applies
    resource = None
if resource is not None:
    cpu = limits["cpu"]
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    space = limits["address_space"] * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (space, space))
    except (ValueError, OSError):  # macOS refuses RLIMIT_AS: the peak check still applies
        pass
from click.testing import CliRunner
from pipeline.cli import main
out = {"tracebacks": []}
start = time.perf_counter()
for name, args in limits["commands"]:
    result = CliRunner().invoke(main, args)
    text = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        out["tracebacks"].append("".join(traceback.format_exception(*result.exc_info)))
    if "Traceback" in text:
        out["tracebacks"].append(text)
    out[name] = {"exit_code": result.exit_code, "output": text}
out["elapsed"] = time.perf_counter() - start
try:
    with open("/proc/self/status") as status:
        out["peak_kb"] = int(next(l.split()[1] for l in status if l.startswith("VmHWM:")))
except OSError:
    out["peak_kb"] = None
if resource is not None and out["peak_kb"] is None:
    out["peak_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":
        out["peak_kb"] //= 1024
print("RESULT " + json.dumps(out))
'''


@dataclass
class ChildRun:
    """What the child process reported (or why it did not)."""

    data: dict[str, Any]
    stderr: str
    returncode: int
    timed_out: bool

    def command(self, name: str) -> dict[str, Any]:
        return self.data.get(name, {})


def run_child(commands: list[tuple[str, list[str]]], *, base_mb: int = 0) -> ChildRun:
    """Run the named CLI commands in a fresh, limited Python process."""
    limits = {
        "cpu": CPU_LIMIT_S,
        "address_space": MEMORY_LIMIT_MB + ADDRESS_SPACE_SLACK_MB + base_mb,
        "commands": commands,
    }
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONHASHSEED="0")
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, json.dumps(limits)],
            capture_output=True, text=True, cwd=ROOT, timeout=WALL_LIMIT_S, env=env,
        )
    except subprocess.TimeoutExpired as exc:
        stderr = exc.stderr.decode() if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        return ChildRun({}, stderr, -1, True)
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    data = json.loads(line[len("RESULT "):]) if line else {}
    return ChildRun(data, done.stderr, done.returncode, False)


def check_json(run: ChildRun) -> dict[str, Any]:
    """The one file's entry of `check --format json`."""
    output = run.command("check").get("output", "")
    return dict(json.loads(output)["files"][0])
