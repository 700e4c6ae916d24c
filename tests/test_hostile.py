"""Every hostile file of tests/hostile/make_corpus.py through `check` and `plan`.

Each case's outcome is asserted exactly: an error with its code and location, a warning and
a correct document, or a correct document. Never a traceback, never a partial file. The time
guard (10 s a file) and the memory guard (500 MB, measured in a subprocess for the big files)
are the issue's limits, not benchmarks: speed is measured in bench/.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import document_texts
from hostile.make_corpus import Case, build_corpus, cases

from pipeline.check import check_file
from pipeline.cli import main
from pipeline.issues import Issue, PipelineError
from pipeline.run_document import make_document

CASES = cases()
TIME_LIMIT_S = 10.0
MEMORY_LIMIT_KB = 500 * 1024


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("hostile")
    build_corpus(directory)
    return directory


def no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.output,
        result.exc_info,
    )
    assert "Traceback" not in result.output


def matches(issue: Issue, case: Case) -> bool:
    return (issue.code, issue.sheet, issue.row, issue.column) == (
        case.code,
        case.sheet,
        case.row,
        case.column,
    )


def action_rows(path: Path) -> int:
    import docx

    from pipeline.documents.plan import ACTION_HEADERS

    doc = docx.Document(str(path))
    n = 0
    for table in doc.tables:
        header = tuple(c.text for c in table.rows[0].cells)
        if header == ACTION_HEADERS:  # an action too long for a page is written as
            n += sum(1 for tr in table._tbl.tr_lst[1:]  # several rows: counted once
                     if not tr.xpath("./w:trPr/w:tblHeader[@w:val='0']"))
    return n


def test_corpus_is_big_enough_and_covers_every_outcome() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)
    assert {c.outcome for c in CASES} == {"error", "warning", "accept"}
    for c in CASES:
        assert c.about
        if c.outcome == "error":
            assert c.code and c.actions is None
        else:
            assert c.actions is not None and c.actions > 0


def test_corpus_is_deterministic(tmp_path: Path) -> None:
    small = [c.name for c in CASES if not c.big]
    build_corpus(tmp_path / "a", small)
    build_corpus(tmp_path / "b", small)
    for name in small:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_check_in_process(case: Case, corpus: Path) -> None:
    start = time.perf_counter()
    checked = check_file(corpus / case.name)
    assert time.perf_counter() - start < TIME_LIMIT_S
    report = checked.result.report
    described = [i.describe() for i in report]
    if case.outcome == "error":
        assert not checked.valid
        assert any(matches(i, case) for i in report.errors), described
        assert all(len(i.message) > 30 for i in report.errors)
    else:
        assert report.errors == [], described
        assert checked.valid
        assert len(checked.result.plan.actions) == case.actions  # type: ignore[union-attr]
        if case.outcome == "warning":
            assert any(matches(i, case) for i in report.warnings), described


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_check_command(case: Case, corpus: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(corpus / case.name)])
    no_traceback(result)
    if case.outcome == "error":
        assert result.exit_code == 1
        assert "problem" in result.output and "Error:" in result.output
    else:
        assert result.exit_code == 0, result.output
        assert f"{case.actions} action" in result.output
    if case.row is not None:
        assert f"row {case.row}" in result.output
    result = CliRunner().invoke(main, ["check", "--format", "json", str(corpus / case.name)])
    no_traceback(result)
    data = json.loads(result.output)["files"][0]
    assert data["valid"] is (case.outcome != "error")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_plan_command(case: Case, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "plan.docx"
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["plan", str(corpus / case.name), "-o", str(out)])
    assert time.perf_counter() - start < TIME_LIMIT_S
    no_traceback(result)
    if case.outcome == "error":
        assert result.exit_code == 1
        assert not out.exists()
        leftovers = list(out.parent.iterdir()) if out.parent.exists() else []
        assert leftovers == []
        return
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert action_rows(out) == case.actions
    texts = document_texts(out)
    for expected in case.texts:
        assert expected in texts, (expected[:80], [t[:80] for t in texts][:40])
    joined = "\n".join(texts)
    for unwanted in case.absent:
        assert unwanted not in joined


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_plan_in_process(case: Case, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.docx"
    if case.outcome == "error":
        with pytest.raises(PipelineError) as caught:
            make_document("plan", corpus / case.name, out)
        assert any(matches(i, case) for i in caught.value.issues), caught.value.issues
        assert list(tmp_path.iterdir()) == []
        return
    run = make_document("plan", corpus / case.name, out)
    assert run.written["actions"] == run.expected["actions"] == case.actions
    if case.outcome == "warning":
        assert any(matches(i, case) for i in run.warnings)


# Peak memory is this process's own high-water mark (VmHWM), not ru_maxrss: on Linux
# ru_maxrss survives exec, so a child of a big pytest process would report the parent's size.
MEASURE = """
import sys, time
from pipeline.check import check_file
start = time.perf_counter()
checked = check_file(sys.argv[1])
elapsed = time.perf_counter() - start
hwm = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(len(checked.result.report.errors), elapsed, hwm)
"""


@pytest.mark.parametrize("case", [c for c in CASES if c.big], ids=lambda c: c.name)
def test_big_files_stay_within_time_and_memory(case: Case, corpus: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(corpus / case.name)],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
        check=True,
    )
    errors, elapsed, maxrss_kb = done.stdout.split()
    assert (int(errors) > 0) is (case.outcome == "error")
    assert float(elapsed) < TIME_LIMIT_S
    assert int(maxrss_kb) < MEMORY_LIMIT_KB
