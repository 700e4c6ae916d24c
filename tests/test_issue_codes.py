"""Issue codes are one typed set, each documented for users in docs/inputs.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
from conftest import ROOT

from pipeline.issues import CODES, Code


def _documented() -> dict[str, str]:
    text = (ROOT / "docs" / "inputs.md").read_text(encoding="utf-8")
    section = text[text.index("### Problem codes"):]
    section = section[: section.index("\n---")]
    return dict(re.findall(r"^\| `([a-z-]+)` \| (.+) \|$", section, re.M))


def test_the_typed_codes_the_meanings_and_the_documented_table_agree() -> None:
    assert list(get_args(Code)) == list(CODES)
    assert _documented() == CODES


def test_every_code_the_code_uses_is_one_of_the_set() -> None:
    """A literal code in an Issue(...), report.error/warning/notice(...) or code=... call."""
    used = re.compile(
        r"""(?:Issue\(\s*|\.(?:error|warning|notice|add)\(\s*|code\s*=\s*)["']([a-z-]+)["']"""
    )
    unknown: list[str] = []
    for path in (ROOT / "pipeline").rglob("*.py"):
        for code in used.findall(path.read_text(encoding="utf-8")):
            if code not in CODES:
                unknown.append(f"{path.relative_to(ROOT)}: {code}")
    assert unknown == []


def test_a_crash_of_the_program_is_an_internal_error_not_the_workbooks_fault() -> None:
    from pathlib import Path

    from pipeline.batch.worker import _crashed, _Task

    task = _Task(path=Path("plan.xlsx"), name="plan", sha256="0" * 64, outputs=Path("out"),
                 templates_dir=None, template_shas={}, known={}, run_id=1,
                 run_date=__import__("datetime").date(2026, 1, 1), history=Path("h"),
                 dry_run=True)
    (issue,) = _crashed(task).entry.errors
    assert issue.code == "internal-error" and issue.file == "plan.xlsx"
    assert "report it" in issue.message


def test_a_bug_while_making_one_workbook_is_an_internal_error(
    tmp_path, monkeypatch
) -> None:
    import datetime as dt
    import shutil

    import pipeline.reader as reader
    from pipeline.batch.worker import _Task, process_workbook

    book = tmp_path / "plan.xlsx"
    shutil.copyfile(ROOT / "inputs" / "childrens-services-improvement-plan.xlsx", book)

    def broken(path: Path) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(reader, "read_workbook", broken)
    task = _Task(path=book, name="plan", sha256="0" * 64, outputs=tmp_path / "out",
                 templates_dir=None, template_shas={}, known={}, run_id=1,
                 run_date=dt.date(2026, 1, 1), history=tmp_path / "h.sqlite", dry_run=True)
    entry = process_workbook(task).entry
    assert entry.status == "failed"
    (issue,) = entry.errors
    assert issue.code == "internal-error"
    assert "ZeroDivisionError: division by zero" in issue.message


def test_every_pipeline_error_carries_its_issues() -> None:
    """Errors are data: a PipelineError raised anywhere names the Issue(s) that say where,
    so that --format json, the manifest and an annotated workbook can show them."""
    import ast

    bare: list[str] = []
    for path in (ROOT / "pipeline").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call)
                    and getattr(node.func, "id", getattr(node.func, "attr", None))
                    == "PipelineError"):
                continue
            issues = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "issues"), None)
            if issues is None or (isinstance(issues, (ast.List, ast.Tuple)) and not issues.elts):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bare == []


def test_a_bug_in_the_workbook_reader_is_an_internal_error_not_the_files_fault(
    monkeypatch
) -> None:
    import pipeline.reader.xlsx as xlsx
    from pipeline.check import check_file

    def broken(data: bytes, inflated: object = None) -> None:
        raise AttributeError("'NoneType' object has no attribute 'tag'")

    monkeypatch.setattr(xlsx, "read_xlsx", broken)
    checked = check_file(ROOT / "inputs" / "childrens-services-improvement-plan.xlsx")
    (issue,) = checked.result.report.errors
    assert issue.code == "internal-error"
    assert "AttributeError: 'NoneType' object has no attribute 'tag'" in issue.message
    assert "not in the workbook: report it" in issue.message


def test_a_damaged_compressed_part_is_still_the_files_fault(tmp_path, monkeypatch) -> None:
    import zlib

    import pipeline.reader.xlsx as xlsx
    from pipeline.check import check_file

    def damaged(data: bytes, inflated: object = None) -> None:
        raise zlib.error("Error -3 while decompressing data: invalid block type")

    monkeypatch.setattr(xlsx, "read_xlsx", damaged)
    checked = check_file(ROOT / "inputs" / "childrens-services-improvement-plan.xlsx")
    (issue,) = checked.result.report.errors
    assert issue.code == "format-error" and "save it again" in issue.message


@pytest.mark.parametrize(("name", "what"), [
    ("plan.xls", "an old Excel 97-2003 workbook (.xls)"),
    ("Plan.ODS", "an OpenDocument spreadsheet (.ods, as LibreOffice Calc saves)"),
    ("plan.xlsb", "an Excel binary workbook (.xlsb)"),
    ("bury.fods", "a flat OpenDocument spreadsheet (.fods, as LibreOffice Calc saves)"),
])
def test_a_spreadsheet_in_another_format_is_named_with_how_to_convert_it(
    tmp_path: Path, name: str, what: str,
) -> None:
    from pipeline.check import check_file

    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 whatever it holds")
    (issue,) = check_file(path).result.report.errors
    assert (issue.code, issue.file) == ("format-error", str(path))
    assert issue.message.startswith(
        f"{name} is {what}, which this tool cannot read. Open it in Excel (or LibreOffice "
        "Calc) and use File > Save As > Excel Workbook (.xlsx)")
