"""`committee batch` end to end on a temporary inputs folder, read back as a user would."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import Workbook, load_workbook

from pipeline.batch.discover import discover_inputs, workbook_names
from pipeline.batch.layout import document_month
from pipeline.cli import main
from pipeline.domain.model import DateValue, Details

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "inputs"
PLAN = "childrens-services-improvement-plan.xlsx"
INDICATORS = "performance-indicators.xlsx"
RESPONSE = "cabinet-response.xlsx"


def _samples(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in (PLAN, INDICATORS, RESPONSE):
        shutil.copyfile(SAMPLES / name, folder / name)
    return folder


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plan_workbook(path: Path, actions: int, title: str = "Test plan",
                  as_at: dt.date = dt.date(2013, 7, 30)) -> Path:
    """A small valid plan workbook: Details + Actions with `actions` rows."""
    wb = Workbook()
    details = wb.active
    details.title = "Details"
    for row in (("Title", title), ("Organisation", "Test Council"), ("As at", as_at)):
        details.append(row)
    ws = wb.create_sheet("Actions")
    ws.append(["Priority", "Ref", "Recommendation", "Action", "Lead", "Target date",
               "Progress", "Status"])
    statuses = ["Complete", "On track", "At risk", "Behind schedule", "Not started"]
    for n in range(actions):
        ws.append([f"Priority {n // 50 + 1}: Keep children safe", f"R{n // 10 + 1}",
                   f"Recommendation {n // 10 + 1} & <more>", f"Action {n}: review & report",
                   "Service Manager", dt.date(2013, 9, 30), f"Progress on action {n}",
                   statuses[n % 5]])
    wb.save(path)
    return path


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    return result.exit_code, result.output


@pytest.fixture(autouse=True, params=["default", "spawn"])
def start_method(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test of this module runs twice: with the platform's own start method for the
    batch's worker processes, and with spawn (Windows' and macOS's), so that a worker relying
    on anything inherited from the main process fails here on Linux too."""
    from pipeline.portable import START_METHOD_VARIABLE

    if request.param == "default":
        monkeypatch.delenv(START_METHOD_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(START_METHOD_VARIABLE, request.param)
    return str(request.param)


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    inputs = _samples(tmp_path / "inputs")
    (inputs / "archive").mkdir()
    shutil.copyfile(SAMPLES / PLAN, inputs / "archive" / "old plan.xlsx")
    (inputs / "~$childrens-services-improvement-plan.xlsx").write_bytes(b"lock")
    (inputs / "minutes.xlsx").write_text("these are meeting minutes, not a workbook")
    return inputs, tmp_path / "outputs"


# --- discovery and layout -----------------------------------------------------------------------


def test_discovery_skips_archive_at_any_depth_lock_and_hidden_files(tmp_path: Path) -> None:
    for rel in ("a.xlsx", "b.CSV", "c.xlsm", "notes.txt", "~$a.xlsx", ".hidden.xlsx",
                "Archive/old.xlsx", "team/d.xlsx", "team/archive/e.xlsx", ".git/f.xlsx"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover_inputs(tmp_path)]
    assert found == ["a.xlsx", "b.CSV", "c.xlsm", "team/d.xlsx"]


def test_workbook_names_keep_the_stem_and_never_collide(tmp_path: Path) -> None:
    paths = [tmp_path / "Improvement plan - August.xlsx", tmp_path / "plan.xlsx",
             tmp_path / "plan.csv", tmp_path / "team" / "x.xlsx"]
    names = workbook_names(paths, tmp_path)
    assert names[paths[0]] == "Improvement plan - August"
    assert {names[paths[1]], names[paths[2]]} == {"plan (xlsx)", "plan (csv)"}
    assert names[paths[3]] == "team - x"


def test_month_is_the_meeting_date_else_as_at_else_run_date() -> None:
    run = dt.date(2026, 1, 5)
    meeting = DateValue("15/08/2013", dt.date(2013, 8, 15), "day")
    as_at = DateValue("30/07/2013", dt.date(2013, 7, 30), "day")
    assert document_month(Details(meeting_date=meeting, as_at=as_at), run) == "2013-08"
    assert document_month(Details(as_at=as_at), run) == "2013-07"
    assert document_month(Details(as_at=DateValue("Ongoing")), run) == "2026-01"


# --- the batch end to end -----------------------------------------------------------------------


def test_mixed_good_and_bad_workbooks(folders: tuple[Path, Path]) -> None:
    inputs, outputs = folders
    code, output = _run([str(inputs), str(outputs), "--jobs", "2"])
    assert code == 1, output
    assert "8 documents made from 3 workbooks; 0 skipped (unchanged); 1 failed." in output
    assert "minutes.xlsx: 1 problem to fix" in output
    assert "not a real Excel workbook" in output
    expected = {
        "2013-08/childrens-services-improvement-plan/plan.docx",
        "2013-08/childrens-services-improvement-plan/briefing.docx",
        "2013-08/childrens-services-improvement-plan/report.docx",  # committee + meeting date
        "2013-08/childrens-services-improvement-plan/exceptions.docx",
        "2011-10/performance-indicators/performance.docx",
        "2011-10/performance-indicators/report.docx",
        "2013-06/cabinet-response/response.docx",  # the cabinet meeting's month
        "2013-08/cabinet-response/response-update.docx",  # the update meeting's month
    }
    made = {p.relative_to(outputs).as_posix() for p in outputs.rglob("*.docx")}
    assert made == expected  # nothing from archive/ or the ~$ lock file
    plan = Document(str(outputs / "2013-08/childrens-services-improvement-plan/plan.docx"))
    assert plan.core_properties.title == "Children's Services Improvement Plan"
    # Text is sacred: the organisation's ampersand comes out as typed.
    texts = "\n".join(c.text for t in plan.tables for r in t.rows for c in r.cells)
    assert "Amend the monitoring of S47 enquiries" in texts
    assert not [p for p in outputs.rglob("*.tmp")]


def test_manifest_content_and_shape(folders: tuple[Path, Path]) -> None:
    inputs, outputs = folders
    _run([str(inputs), str(outputs)])
    manifest = json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) == {"started", "finished", "inputs", "ignored", "problems"}
    # The Excel lock file in inputs/ is listed, with why it was not read.
    assert [Path(i["path"]).name for i in manifest["ignored"]] == [
        "~$childrens-services-improvement-plan.xlsx"
    ]
    assert manifest["ignored"][0]["reason"] == (
        "Excel's lock file for childrens-services-improvement-plan.xlsx"
    )
    assert manifest["problems"] == []
    dt.datetime.fromisoformat(manifest["started"])
    assert manifest["finished"] >= manifest["started"]
    by_name = {Path(e["path"]).name: e for e in manifest["inputs"]}
    assert set(by_name) == {PLAN, INDICATORS, RESPONSE, "minutes.xlsx"}
    for entry in manifest["inputs"]:
        keys = {"path", "sha256", "status", "documents", "errors", "warnings", "notices",
                "output_name"}
        if entry["status"] == "ok":
            # The accessibility audit of every document made: nothing to fix.
            assert entry["audit"] == []
            keys.add("audit")
        assert set(entry) == keys
        assert entry["sha256"] == _sha(Path(entry["path"]))
        for doc in entry["documents"]:
            # The keys, plus what went in and what was read back from the document;
            # a committee report's, the agenda pack of its meeting.
            pack = {"pack"} if doc["kind"] == "report" else set()
            assert set(doc) == {"kind", "path", "sha256", "pdf", "in", "written", *pack}
            assert doc["in"] == doc["written"]
            assert doc["sha256"] == _sha(outputs / doc["path"])  # the manifest's folder's
            assert doc["pdf"] is None
    # The plan and indicators workbooks give a committee and a meeting date: their
    # committee reports too.
    assert [d["kind"] for d in by_name[PLAN]["documents"]] == ["plan", "briefing", "exceptions",
                                                              "report"]
    assert [d["kind"] for d in by_name[RESPONSE]["documents"]] == ["response", "response-update"]
    assert [d["kind"] for d in by_name[INDICATORS]["documents"]] == ["performance", "report"]
    bad = by_name["minutes.xlsx"]
    assert bad["status"] == "failed" and bad["documents"] == []
    assert bad["errors"][0]["code"] == "format-error"
    assert bad["errors"][0]["file"].endswith("minutes.xlsx")
    assert {"code", "severity", "message", "file", "sheet", "row", "column", "value"} == set(
        bad["errors"][0]
    )
    runs = list((outputs / "runs").glob("*.json"))
    assert len(runs) == 1 and json.loads(runs[0].read_text()) == manifest


def test_located_errors_of_an_invalid_workbook(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copyfile(SAMPLES / RESPONSE, inputs / RESPONSE)
    path = plan_workbook(inputs / "plan.xlsx", 5)
    wb = load_workbook(path)
    wb["Actions"]["H4"] = "Sort of fine"
    wb.save(path)
    code, output = _run([str(inputs), str(tmp_path / "out")])
    assert code == 1
    assert "plan.xlsx: 1 problem to fix" in output
    assert "row 4" in output and "'Status'" in output and "Sort of fine" in output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    error = next(e for e in manifest["inputs"] if e["path"].endswith("plan.xlsx"))["errors"][0]
    assert (error["sheet"], error["row"], error["column"]) == ("Actions", 4, "Status")
    assert (tmp_path / "out" / "2013-06/cabinet-response/response.docx").is_file()


def test_rerun_skips_unchanged_and_force_keeps_circulated_documents(tmp_path: Path) -> None:
    inputs, outputs = _samples(tmp_path / "inputs"), tmp_path / "outputs"
    assert _run([str(inputs), str(outputs)])[0] == 0
    docs = sorted(outputs.rglob("*.docx"))
    before = {p: (p.stat().st_mtime_ns, _sha(p)) for p in docs}

    code, output = _run([str(inputs), str(outputs)])
    assert code == 0
    assert "0 documents made from 0 workbooks; 3 skipped (unchanged); 0 failed." in output
    assert output.count("skipped, unchanged") == 3
    manifest = json.loads((outputs / "manifest.json").read_text())
    assert {e["status"] for e in manifest["inputs"]} == {"skipped"}
    assert sum(len(e["documents"]) for e in manifest["inputs"]) == 8
    assert {p: (p.stat().st_mtime_ns, _sha(p)) for p in docs} == before

    # --force reads every workbook again, but circulated documents made from the same
    # workbook and template are not replaced.
    code, output = _run([str(inputs), str(outputs), "--force"])
    assert code == 0
    assert "8 documents already circulated and unchanged kept as they were." in output
    assert {e["status"] for e in json.loads((outputs / "manifest.json").read_text())[
        "inputs"]} == {"ok"}
    assert {p: (p.stat().st_mtime_ns, _sha(p)) for p in docs} == before

    # A deleted document is made again on the next run.
    docs[0].unlink()
    code, output = _run([str(inputs), str(outputs)])
    assert code == 0 and docs[0].is_file()
    Document(str(docs[0]))
    assert len(list((outputs / "runs").glob("*.json"))) == 4


def test_changed_input_or_template_replaces_only_what_changed(tmp_path: Path) -> None:
    inputs, outputs = _samples(tmp_path / "inputs"), tmp_path / "outputs"
    _run([str(inputs), str(outputs)])
    folder = outputs / "2013-08" / "childrens-services-improvement-plan"
    plan_doc, briefing_doc = folder / "plan.docx", folder / "briefing.docx"
    response_doc = next(outputs.rglob("response.docx"))
    stamps = {p: _sha(p) for p in (plan_doc, briefing_doc, response_doc)}
    briefing_made = briefing_doc.stat().st_mtime_ns

    # A council template for the briefing only: the briefing is made again, the plan is not.
    templates = tmp_path / "templates"
    templates.mkdir()
    from pipeline.render.templates import shipped_templates_dir

    shutil.copyfile(shipped_templates_dir() / "briefing.docx", templates / "briefing.docx")
    with open(templates / "briefing.docx", "ab") as handle:
        handle.write(b"\0")  # different bytes, still a readable zip
    code, output = _run([str(inputs), str(outputs), "--templates", str(templates)])
    assert code == 0, output
    assert _sha(plan_doc) == stamps[plan_doc]
    # Made again: replaced (its bytes may be the same when both runs fall in one second).
    assert briefing_doc.stat().st_mtime_ns != briefing_made
    assert _sha(response_doc) == stamps[response_doc]

    # A changed workbook: its documents are replaced.
    wb = load_workbook(inputs / PLAN)
    wb["Actions"]["L3"] = "Behind schedule"
    wb.save(inputs / PLAN)
    code, output = _run([str(inputs), str(outputs), "--templates", str(templates)])
    assert code == 0
    assert "4 documents made from 1 workbook; 2 skipped (unchanged)" in output
    assert _sha(plan_doc) != stamps[plan_doc]
    texts = [c.text for t in Document(str(plan_doc)).tables for r in t.rows for c in r.cells]
    assert "Behind schedule" in texts


def test_dry_run_writes_nothing(folders: tuple[Path, Path]) -> None:
    inputs, outputs = folders
    code, output = _run([str(inputs), str(outputs), "--dry-run"])
    assert code == 1
    assert "Dry run: nothing was written. 8 documents would be made from 3 workbooks" in output
    assert "would make" in output and "minutes.xlsx: 1 problem to fix" in output
    assert not outputs.exists()


def test_history_gives_the_briefings_changes_since_the_last_report(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    # July's workbook: the second action was still behind schedule.
    july = inputs / "Improvement plan - July.xlsx"
    shutil.copyfile(SAMPLES / PLAN, july)
    wb = load_workbook(july)
    wb["Details"]["B4"] = dt.datetime(2013, 7, 10)
    wb["Details"]["B5"] = dt.datetime(2013, 6, 30)
    wb["Actions"]["L3"] = "Behind schedule"
    wb.save(july)
    assert _run([str(inputs), str(outputs)])[0] == 0
    first = outputs / "2013-07" / "Improvement plan - July" / "briefing.docx"
    assert "Since the last report" not in "\n".join(p.text for p in Document(str(first))
                                                     .paragraphs)

    # August's workbook, renamed as service managers do: the same plan by Title+Organisation.
    july.rename(tmp_path / "july.xlsx")
    shutil.copyfile(SAMPLES / PLAN, inputs / "Improvement plan - August.xlsx")
    code, output = _run([str(inputs), str(outputs)])
    assert code == 0, output
    second = outputs / "2013-08" / "Improvement plan - August" / "briefing.docx"
    paragraphs = [p.text for p in Document(str(second)).paragraphs]
    heading = next(p for p in paragraphs if p.startswith("Since the last report"))
    assert "10 July 2013" in heading
    text = "\n".join(paragraphs)
    assert "1 action has been completed" in text.lower() or "One action has been completed" in text
    assert "Put in place a process to ensure that CP enquiries are being recorded promptly" in text


def test_pdf_beside_each_document(tmp_path: Path) -> None:
    if shutil.which("soffice") is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice is not installed")
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    shutil.copyfile(SAMPLES / RESPONSE, inputs / RESPONSE)
    plan_workbook(inputs / "small plan.xlsx", 3)
    code, output = _run([str(inputs), str(outputs), "--pdf"])
    assert code == 0, output
    docs = sorted(outputs.rglob("*.docx"))
    assert len(docs) == 5
    manifest = json.loads((outputs / "manifest.json").read_text())
    for entry in manifest["inputs"]:
        for doc in entry["documents"]:
            pdf = outputs / doc["pdf"]
            assert pdf == (outputs / doc["path"]).with_suffix(".pdf")
            assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(outputs.rglob("plan.pdf").__next__()), "-"],
                          capture_output=True, text=True).stdout
    assert "Action2:review&report" in "".join(text.split())  # however its column wraps it
    assert not list(outputs.rglob("*.tmp"))


def test_pdf_asked_for_without_libreoffice_says_so(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMITTEE_SOFFICE", "no-such-libreoffice-program")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    plan_workbook(inputs / "plan.xlsx", 2)
    code, output = _run([str(inputs), str(tmp_path / "out"), "--pdf"])
    assert code == 0
    assert "LibreOffice is not installed" in output
    assert len(list((tmp_path / "out").rglob("*.docx"))) == 3
    assert not list((tmp_path / "out").rglob("*.pdf"))


def test_kill_mid_run_then_rerun_leaves_only_whole_documents(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    for n in range(12):
        plan_workbook(inputs / f"plan {n:02d}.xlsx", 120, title=f"Plan {n}")
    command = [sys.executable, "-m", "pipeline", "batch", str(inputs), str(outputs),
               "--jobs", "2", "--quiet"]
    process = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(outputs.rglob("*.docx")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)  # the batch and its workers, mid-write
    process.wait()
    made_before = list(outputs.rglob("*.docx"))
    assert made_before and len(made_before) < 24
    for doc in made_before:
        Document(str(doc))  # whole, or it would not be there

    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    docs = sorted(outputs.rglob("*.docx"))
    assert len(docs) == 36
    for doc in docs:
        table_rows = sum(len(t.rows) - 1 for t in Document(str(doc)).tables)
        assert table_rows > 0
    assert not [p for p in outputs.rglob("*") if p.name.endswith(".tmp")]
    manifest = json.loads((outputs / "manifest.json").read_text())
    assert {e["status"] for e in manifest["inputs"]} <= {"ok", "skipped"}


def _indicators_workbook(path: Path, keep: Callable[[str], bool]) -> Path:
    """The sample indicators workbook with only the Values rows whose period `keep`s."""
    wb = load_workbook(SAMPLES / INDICATORS)
    rows = [r for r in wb["Values"].iter_rows(values_only=True)]
    del wb["Values"]
    values = wb.create_sheet("Values")
    values.append(list(rows[0]))
    for row in rows[1:]:
        if keep(str(row[1])):
            values.append(list(row))
    wb.save(path)
    return path


def _alt_texts(path: Path) -> list[str]:
    return [s._inline.docPr.get("descr") for s in Document(str(path)).inline_shapes]


def test_performance_report_draws_on_series_from_earlier_runs(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    august = _indicators_workbook(inputs / "Performance - August.xlsx",
                                  lambda period: period != "Sep 2011")
    assert _run([str(inputs), str(outputs)])[0] == 0
    august.unlink()
    # September's workbook holds only the latest month.
    _indicators_workbook(inputs / "Performance - September.xlsx",
                         lambda period: period == "Sep 2011")
    code, output = _run([str(inputs), str(outputs)])
    assert code == 0, output
    report = next(outputs.rglob("Performance - September/performance.docx"))
    alt = next(a for a in _alt_texts(report) if "NI059" in a)
    assert "Apr 2011 to Sep 2011" in alt
    assert "latest 66.5%" in alt and "from 40.3% in Aug 2011" in alt


def test_quiet_prints_only_the_summary(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    plan_workbook(inputs / "plan.xlsx", 2)
    code, output = _run([str(inputs), str(tmp_path / "out"), "--quiet"])
    assert code == 0
    summary = "3 documents made from 1 workbook; 0 skipped (unchanged); 0 failed."
    assert output.splitlines()[0] == summary
    assert "[1/1]" not in output


def test_outputs_inside_inputs_and_leftovers_of_others_are_left_alone(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    plan_workbook(inputs / "plan.xlsx", 2)
    outputs = inputs / "outputs"
    (outputs / "2013-07" / "plan").mkdir(parents=True)
    stale = outputs / "2013-07" / "plan" / ".plan-abc123.tmp"
    stale.write_bytes(b"half a document")
    (outputs / "report.csv").write_text("Code,Value\n")  # not an input: inside OUTPUTS
    other = outputs / ".someone-elses-plan-x1.tmp"  # a single-document command's, at the top
    other.write_bytes(b"in progress")
    code, output = _run([str(inputs), str(outputs)])
    assert code == 0, output
    assert "3 documents made from 1 workbook" in output
    assert not stale.exists() and other.exists()
