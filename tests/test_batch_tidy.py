"""A tidy batch (issue 14 item 2; issue 19 items 2, 3 and 11): stale PDFs, duplicates, lock
files, ignored files, where documents went, template faults, Ctrl-C, --annotate, clashing
output names, file names that are not valid text, inputs replaced while read."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_batch import plan_workbook

from pipeline.cli import main


def _batch(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    return result.exit_code, result.stdout, result.stderr


def _manifest(outputs: Path) -> dict:
    return json.loads((outputs / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    inputs = tmp_path / "in"
    inputs.mkdir()
    return inputs, tmp_path / "out"


def test_a_remade_document_leaves_no_older_pdf_beside_it(folders: tuple[Path, Path]) -> None:
    inputs, outputs = folders
    plan_workbook(inputs / "adult.xlsx", 3)
    assert _batch(str(inputs), str(outputs))[0] == 0
    docx = outputs / "2013-07" / "adult" / "plan.docx"
    pdf = docx.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF- the circulated paper")  # as a --pdf run left it
    os.utime(pdf, (docx.stat().st_mtime - 60,) * 2)
    plan_workbook(inputs / "adult.xlsx", 4)  # edited: the plan is made again, without --pdf
    code, out, _ = _batch(str(inputs), str(outputs))
    assert code == 0
    assert not pdf.exists()
    assert f"1 out-of-date PDF removed (its document was made again): {pdf}" in out
    (entry,) = _manifest(outputs)["inputs"]
    plan = next(d for d in entry["documents"] if d["kind"] == "plan")
    assert plan["pdf"] is None and plan["pdf_removed"] == "2013-07/adult/plan.pdf"


def test_byte_identical_inputs_are_made_once_naming_both(folders: tuple[Path, Path]) -> None:
    inputs, outputs = folders
    plan_workbook(inputs / "plan.xlsx", 3)
    shutil.copyfile(inputs / "plan.xlsx", inputs / "plan (1).xlsx")
    code, out, err = _batch(str(inputs), str(outputs))
    assert code == 0
    assert "[1/2] plan (1).xlsx: not made again: same as plan.xlsx" in out
    assert "3 documents made from 1 workbook; 0 skipped (unchanged); 1 duplicate not made " \
        "again; 0 failed." in out
    assert "  3 actions in, 3 written" in out.splitlines()
    assert ("Warning: plan (1).xlsx is exactly the same file as plan.xlsx, so the documents "
            "were made only once, from plan.xlsx (making them twice would double the totals). "
            "Delete the copy you do not need.") in err
    entries = {Path(e["path"]).name: e for e in _manifest(outputs)["inputs"]}
    assert entries["plan (1).xlsx"]["status"] == "duplicate"
    assert entries["plan (1).xlsx"]["duplicate_of"] == str(inputs / "plan.xlsx")
    assert not (outputs / "2013-07" / "plan (1)").exists()


def test_of_two_identical_files_the_one_not_named_as_a_copy_is_made() -> None:
    """The trial's batch: 'cabinet-response-cic-placement-strategy.xlsx' and a download's
    'cabinet-response (1).xlsx' hold the same bytes: the documents are made from the first
    (the shorter name is the copy's); of two ordinary names, the shorter."""
    from pipeline.batch.tidy import originals

    folder = Path("inputs")
    original, copy = folder / "cabinet-response-cic-placement-strategy.xlsx", \
        folder / "cabinet-response (1).xlsx"
    assert originals({original: "a", copy: "a"}, folder) == {copy: original}
    assert originals({folder / "Copy of plan.xlsx": "b", folder / "plan - Copy.xlsx": "b",
                      folder / "my plan.xlsx": "b"}, folder) == {
        folder / "Copy of plan.xlsx": folder / "my plan.xlsx",
        folder / "plan - Copy.xlsx": folder / "my plan.xlsx"}
    assert originals({folder / "plan july.xlsx": "c", folder / "plan.xlsx": "c"}, folder) == {
        folder / "plan july.xlsx": folder / "plan.xlsx"}


def test_same_title_organisation_and_as_at_warn(folders: tuple[Path, Path]) -> None:
    inputs, outputs = folders
    plan_workbook(inputs / "plan.xlsx", 3)
    plan_workbook(inputs / "plan old.xlsx", 2)
    _, _, err = _batch(str(inputs), str(outputs))
    assert ("Warning: plan.xlsx has the same Title, Organisation and As at as plan old.xlsx: "
            "one of them may be an out-of-date copy. Delete it, or correct its Details "
            "sheet.") in err
    assert "plan old.xlsx has the same Title, Organisation and As at as plan.xlsx" in err


def test_lock_files_and_other_files_are_named(folders: tuple[Path, Path]) -> None:
    inputs, outputs = folders
    plan_workbook(inputs / "plan.xlsx", 3)
    (inputs / "~$plan.xlsx").write_bytes(b"lock")
    (inputs / "notes.docx").write_bytes(b"notes")
    (inputs / ".DS_Store").write_bytes(b"")
    code, out, err = _batch(str(inputs), str(outputs))
    assert code == 0
    assert "2 files ignored: notes.docx, ~$plan.xlsx" in out.splitlines()
    assert ("Warning: plan.xlsx is open in Excel (or was not closed); its saved version was "
            "used.") in err
    assert err.count("plan.xlsx is open in Excel") == 1  # said once, by the reader
    ignored = _manifest(outputs)["ignored"]
    assert ignored == [
        {"path": str(inputs / "notes.docx"),
         "reason": "not a workbook the batch reads (.xlsx, .xlsm or .csv)"},
        {"path": str(inputs / "~$plan.xlsx"), "reason": "Excel's lock file for plan.xlsx"},
    ]


def test_spreadsheets_it_cannot_read_fail_saying_how_to_convert_them(
    folders: tuple[Path, Path],
) -> None:
    inputs, outputs = folders
    plan_workbook(inputs / "plan.xlsx", 3)
    shutil.copy(inputs / "plan.xlsx", inputs / "adults.xls")  # the same bytes: not a copy
    shutil.copy(inputs / "plan.xlsx", inputs / "plan.xls")  # nor a rival for plan's folder
    (inputs / "housing.ods").write_bytes(b"PK\x03\x04 an OpenDocument spreadsheet")
    (inputs / "archive").mkdir()
    (inputs / "archive" / "2012.xls").write_bytes(b"old")
    code, out, err = _batch(str(inputs), str(outputs))
    assert code == 1  # a service's paper is missing: the batch did not succeed
    lines = out.splitlines()
    assert "[1/4] adults.xls: FAILED (1 problem)" in lines
    assert "[2/4] housing.ods: FAILED (1 problem)" in lines
    assert "[3/4] plan.xls: FAILED (1 problem)" in lines
    assert lines[3].startswith("[4/4] plan.xlsx: made: plan, briefing, exceptions in ")
    assert lines[3].endswith(f"{os.sep}plan")  # its own folder, not "plan (xlsx)"
    assert ("Error: adults.xls is an old Excel 97-2003 workbook (.xls), which this tool "
            "cannot read. Open it in Excel (or LibreOffice Calc) and use File > Save As > "
            "Excel Workbook (.xlsx), then use the .xlsx file.") in err
    assert "Error: housing.ods is an OpenDocument spreadsheet (.ods" in err
    assert "exactly the same file" not in err  # plan.xlsx is not taken for adults.xls's copy
    assert "ignored" not in out
    failed = [Path(e["path"]).name for e in _manifest(outputs)["inputs"]
              if e["status"] == "failed"]
    assert failed == ["adults.xls", "housing.ods", "plan.xls"]


def test_each_workbook_line_says_where_its_documents_went(folders: tuple[Path, Path]) -> None:
    inputs, outputs = folders
    plan_workbook(inputs / "plan.xlsx", 3)
    _, out, _ = _batch(str(inputs), str(outputs))
    assert out.splitlines()[0] == (
        f"[1/1] plan.xlsx: made: plan, briefing, exceptions in {outputs / '2013-07' / 'plan'}"
    )
    _, out, _ = _batch(str(inputs), str(outputs))
    assert out.splitlines()[0] == (
        f"[1/1] plan.xlsx: skipped, unchanged ({outputs / '2013-07' / 'plan'})"
    )


def test_a_template_fault_is_blamed_on_the_template_and_the_rest_is_made(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    import docx

    inputs, outputs = folders
    plan_workbook(inputs / "plan.xlsx", 3)
    templates = tmp_path / "templates"
    templates.mkdir()
    doc = docx.Document()
    doc.add_paragraph("{% if title %}Unclosed")
    doc.add_paragraph("{{ body }}")
    doc.save(templates / "briefing.docx")
    code, out, err = _batch(str(inputs), str(outputs), "--templates", str(templates))
    assert code == 1
    assert (outputs / "2013-07" / "plan" / "plan.docx").is_file()
    assert not (outputs / "2013-07" / "plan" / "briefing.docx").exists()
    assert "Failed:" not in err
    assert "[1/1] plan.xlsx: made: plan, exceptions in" in out
    lines = [x for x in err.splitlines() if "The template briefing.docx cannot be used" in x]
    (unclosed,) = [x for x in lines if "opens a block that is never closed" in x]
    assert unclosed.endswith("That document was not made for plan.xlsx; the other documents "
                             "were.")
    manifest = _manifest(outputs)
    assert manifest["problems"][0]["file"] == str(templates / "briefing.docx")
    assert manifest["inputs"][0]["template_errors"]


def test_ctrl_c_writes_the_manifest_of_what_was_finished(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.batch import run

    inputs, outputs = folders
    plan_workbook(inputs / "a.xlsx", 2, title="A")
    plan_workbook(inputs / "b.xlsx", 2, title="B")
    real = run.process_workbook

    def stop_at_b(task: run._Task) -> run._Outcome:
        if task.path.name == "b.xlsx":
            raise KeyboardInterrupt
        return real(task)

    monkeypatch.setattr(run, "process_workbook", stop_at_b)
    code, _, err = _batch(str(inputs), str(outputs), "--jobs", "1")
    assert code == 130
    assert f"What was finished is in {outputs / 'manifest.json'}." in err
    manifest = _manifest(outputs)
    assert manifest["interrupted"] is True
    assert [Path(e["path"]).name for e in manifest["inputs"]] == ["a.xlsx"]
    assert manifest["inputs"][0]["status"] == "ok"


def test_batch_annotate_marks_failed_workbooks_and_the_copy_is_not_read_next_time(
    folders: tuple[Path, Path]
) -> None:
    from openpyxl import load_workbook

    inputs, outputs = folders
    path = plan_workbook(inputs / "bad.xlsx", 2)
    wb = load_workbook(path)
    wb["Actions"]["H2"] = "Purple"
    wb.save(path)
    code, out, _ = _batch(str(inputs), str(outputs), "--annotate")
    copy = inputs / "bad - to fix.xlsx"
    assert code == 1
    assert f"{path}: problems shown in {copy}" in out
    assert load_workbook(copy)["Actions"]["H2"].comment is not None
    code, out, _ = _batch(str(inputs), str(outputs))
    assert "1 file ignored: bad - to fix.xlsx" in out
    assert "[1/1] bad.xlsx" in out


def test_clashing_names_each_get_their_own_output_folder(folders: tuple[Path, Path]) -> None:
    inputs, outputs = folders
    (inputs / "sub").mkdir()
    plan_workbook(inputs / "sub" / "plan.xlsx", 2, title="One")
    plan_workbook(inputs / "sub - plan.xlsx", 3, title="Two")
    plan_workbook(inputs / "c.xlsx", 4, title="Three")
    plan_workbook(inputs / "c.XLSX", 5, title="Four")
    code, out, err = _batch(str(inputs), str(outputs))
    assert code == 0
    assert "12 documents made from 4 workbooks" in out
    on_disk = sorted(p.relative_to(outputs).as_posix() for p in outputs.rglob("plan.docx"))
    assert len(on_disk) == 4
    manifest = _manifest(outputs)
    names = [e["output_name"] for e in manifest["inputs"]]
    assert len({n.lower() for n in names}) == 4
    assert all("name_clash" in e for e in manifest["inputs"])
    assert "would have had the same output folder" in err
    # The suffix is stable: the next run finds every input unchanged.
    _, out, _ = _batch(str(inputs), str(outputs))
    assert "0 documents made from 0 workbooks; 4 skipped (unchanged)" in out


def test_a_file_name_that_is_not_valid_text_fails_alone(folders: tuple[Path, Path]) -> None:
    inputs, outputs = folders
    plan_workbook(inputs / "good.xlsx", 2)
    bad = os.path.join(os.fsencode(inputs), b"plan\xff.xlsx")
    shutil.copyfile(os.fsencode(inputs / "good.xlsx"), bad)
    plan_workbook(inputs / "good.xlsx", 3, title="Good")
    code, out, err = _batch(str(inputs), str(outputs))
    assert code == 1
    assert "plan\ufffd.xlsx: FAILED (1 problem)" in out
    assert "holds characters that are not valid text" in err
    assert (outputs / "2013-07" / "good" / "plan.docx").is_file()
    manifest = (outputs / "manifest.json").read_bytes().decode("utf-8")  # valid UTF-8
    assert "plan\ufffd.xlsx" in manifest


def test_check_json_of_a_file_name_that_is_not_valid_text_is_utf8(tmp_path: Path) -> None:
    bad = os.path.join(os.fsencode(tmp_path), b"plan\xff.xlsx")
    plan_workbook(tmp_path / "x.xlsx", 2)
    shutil.copyfile(os.fsencode(tmp_path / "x.xlsx"), bad)
    result = CliRunner().invoke(main, ["check", "--format", "json", os.fsdecode(bad)])
    data = json.loads(result.stdout_bytes.decode("utf-8"))
    assert data["files"][0]["path"].endswith("plan\ufffd.xlsx")


def test_dry_run_reads_the_history_of_a_folder_it_may_not_write_to(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    inputs, outputs = folders
    plan_workbook(inputs / "plan.xlsx", 2)
    assert _batch(str(inputs), str(outputs))[0] == 0
    real = sqlite3.connect

    def read_only_folder(target: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        # What SQLite does with a WAL history in a folder it may not write to (a read-only
        # share; root cannot be refused a write in a test).
        if "mode=ro" in str(target):
            raise sqlite3.OperationalError("unable to open database file")
        return real(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", read_only_folder)
    code, out, err = _batch("--dry-run", str(inputs), str(outputs))
    assert code == 0, err
    assert "Move it aside" not in err
    assert "1 skipped (unchanged)" in out


def test_an_input_replaced_after_hashing_records_the_version_read(tmp_path: Path) -> None:
    import datetime as dt
    import hashlib

    from pipeline.batch import run

    path = plan_workbook(tmp_path / "plan.xlsx", 2)
    task = run._Task(path=path, name="plan", sha256="0" * 64, outputs=tmp_path / "out",
                     templates_dir=None, template_shas=run.template_hashes(None), known={},
                     run_id=1, run_date=dt.date(2026, 1, 1), history=tmp_path / "h.sqlite",
                     dry_run=True)
    entry = run.process_workbook(task).entry
    assert entry.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert any("was changed while the batch was running" in w.message for w in entry.warnings)


def test_many_warnings_of_one_kind_are_summarised(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = plan_workbook(tmp_path / "plan.xlsx", 12)
    wb = load_workbook(path)
    for row in range(2, 14):
        wb["Actions"][f"G{row}"] = f"Progress_x0007_ {row}"  # a control character: removed
    wb.save(path)
    result = CliRunner().invoke(main, ["check", str(path)])
    lines = [x for x in result.output.splitlines()
             if "Word cannot hold" in x or "more like it" in x]
    assert len(lines) == 6
    assert lines[-1] == "  ... and 7 more like it (add -v to see them all)"
