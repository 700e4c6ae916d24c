"""The third hostile corpus, reader classes (tests/hostile/reader_*.py), each file in its
own limited process (tests/hostile/harness.py): no traceback, within 10 s of CPU and
500 MB, the verdict `check` gives, one located issue it must report, the counts it gives
and, for files that are read, texts the document must hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import document_texts
from hostile.corpus3 import CLASS_MODULES, HostileCase, can_make, load_all, materialise
from hostile.harness import MEMORY_LIMIT_MB, check_json, run_child

CASES = load_all()
READER_CLASSES = [m for m in CLASS_MODULES if m.startswith("reader_")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile3")


def _found(entry: dict, case: HostileCase) -> dict | None:
    issues = entry["errors"] + entry["warnings"] + entry["notices"]
    for issue in issues:
        if (issue["code"], issue["severity"], issue["sheet"], issue["row"],
                issue["column"]) == case.where:
            return issue
    return None


def test_every_reader_class_has_cases() -> None:
    classes = {case.cls for case, _ in CASES}
    assert set(READER_CLASSES) <= classes
    assert len({case.name for case, _ in CASES}) == len(CASES)
    for case, _ in CASES:
        assert case.about and (case.code or case.verdict == "valid")


@pytest.mark.parametrize(("case", "builder"), CASES, ids=[c.name for c, _ in CASES])
def test_hostile_file(case: HostileCase, builder, corpus: Path, tmp_path: Path) -> None:
    why_not = can_make(case)
    if why_not:
        pytest.skip(why_not)
    path = materialise(case, builder, corpus)
    commands = [("check", ["check", "--format", "json", str(path)])]
    out = tmp_path / "out" / f"{case.document}.docx"
    if case.document:
        commands.append(("document", [case.document, str(path), "-o", str(out)]))
    run = run_child(commands)
    assert not run.timed_out, f"{case.name}: still running after the wall-clock limit"
    assert run.returncode == 0, (run.returncode, run.stderr[-2000:])
    assert run.data["tracebacks"] == [], run.data["tracebacks"][0][-3000:]
    if run.data.get("peak_kb") is not None:
        assert run.data["peak_kb"] < MEMORY_LIMIT_MB * 1024
    entry = check_json(run)
    described = [(i["code"], i["severity"], i["sheet"], i["row"], i["column"], i["message"])
                 for i in entry["errors"] + entry["warnings"] + entry["notices"]]
    assert entry["valid"] is (case.verdict == "valid"), described
    assert run.command("check")["exit_code"] == (0 if case.verdict == "valid" else 1)
    if case.code:
        issue = _found(entry, case)
        assert issue is not None, described
        for words in case.says:
            assert words in issue["message"], issue["message"]
    for key, number in case.counts.items():
        assert entry["counts"].get(key) == number, entry["counts"]
    if not case.document:
        return
    made = run.command("document")
    if case.verdict == "refused":
        assert made["exit_code"] == 1
        assert not out.exists()
        return
    assert made["exit_code"] == 0, made["output"]
    texts = document_texts(out)
    for expected in case.texts:
        assert expected in texts, (expected[:80], [t[:80] for t in texts][:60])
    joined = "\n".join(texts)
    for unwanted in case.absent:
        assert unwanted not in joined


def test_batch_refuses_special_files_and_makes_the_rest(tmp_path: Path) -> None:
    """The batch looks before it hashes: a FIFO and a link to /dev/zero fail, located, in
    seconds; the good workbook beside them is made."""
    import os
    import shutil

    from hostile.harness import ROOT

    if not hasattr(os, "mkfifo") or not Path("/dev/zero").exists():
        pytest.skip("no named pipes or /dev/zero on this platform")
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(ROOT / "inputs" / "childrens-services-improvement-plan.xlsx", inputs)
    os.mkfifo(inputs / "pipe.xlsx")
    (inputs / "zero.xlsx").symlink_to("/dev/zero")
    run = run_child([("batch", ["batch", str(inputs), str(outputs)])])
    assert not run.timed_out
    assert run.data["tracebacks"] == []
    said = run.command("batch")["output"]
    assert "pipe.xlsx is a named pipe (FIFO)" in said
    assert "zero.xlsx is a device, not a file (it is a link to one)" in said
    assert "2 failed" in said
    assert "made: plan" in said
