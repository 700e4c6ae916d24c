"""What the benchmarks share: synthetic text, the command to time, the README sections."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

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


def warm_up(args: list[str]) -> None:
    """Run a command once, unmeasured, so that its bytecode is compiled and cached."""
    import subprocess

    subprocess.run(args, env=child_env(), stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)


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
