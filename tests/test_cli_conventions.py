"""CLI conventions (issue 14 item 6): results on stdout, errors and warnings on stderr, exit
codes 0/1/2, --format json, -q/-v, -o DIR/, a document open in Word, templates copy, plurals.
Exact-output tests of the main messages, as sqlite-utils tests its CLI."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from conftest import ACTION_HEADERS, action_row
from test_batch import plan_workbook

from pipeline.cli import main
from pipeline.render.templates import TEMPLATE_NAMES


def _invoke(*args: str):  # noqa: ANN202 - click's Result
    return CliRunner().invoke(main, list(args))


def _one_action_plan(tmp_path: Path, status: str = "Complete") -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "Details"
    for row in (["Title", "Adult plan"], ["As at", "31/07/2013"]):
        wb.active.append(row)
    ws = wb.create_sheet("Actions")
    ws.append(ACTION_HEADERS)
    ws.append(action_row(priority="1", ref="R1", recommendation="Rec", status=status))
    path = tmp_path / "adult.xlsx"
    wb.save(path)
    return path


def test_plan_says_where_it_went_on_stdout_with_plurals_right(tmp_path: Path) -> None:
    book = _one_action_plan(tmp_path)
    out = tmp_path / "plan.docx"
    result = _invoke("plan", str(book), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == f"Wrote {out}\n1 action and 1 recommendation in, 1 and 1 written\n"
    assert result.stderr == ""
    again = _invoke("plan", str(book), "-o", str(out))
    assert again.stdout.splitlines()[0] == f"Replaced {out}"


def test_a_document_command_puts_problems_on_stderr_and_nothing_on_stdout(
    tmp_path: Path,
) -> None:
    book = _one_action_plan(tmp_path, status="Purple")
    result = _invoke("plan", str(book), "-o", str(tmp_path / "plan.docx"))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == ("Error: adult.xlsx has 1 problem to fix, so the improvement plan cannot "
                        "be made. Nothing was written.")
    assert lines[1].startswith("  Error: sheet 'Actions', row 2, column 'Status': 'Purple'")


def test_output_folder_with_a_slash_puts_the_document_in_it(tmp_path: Path) -> None:
    book = _one_action_plan(tmp_path)
    folder = tmp_path / "papers"
    result = _invoke("plan", str(book), "-o", f"{folder}/", "-q")
    assert result.exit_code == 0, result.output
    (made,) = folder.iterdir()
    assert made.suffix == ".docx"
    assert result.stdout == f"Wrote {made}\n"


def test_a_document_open_in_word_is_not_replaced(tmp_path: Path) -> None:
    book = _one_action_plan(tmp_path)
    out = tmp_path / "plan.docx"
    assert _invoke("plan", str(book), "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    (tmp_path / "~$plan.docx").write_bytes(b"Word's lock")
    result = _invoke("plan", str(book), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {out} is open in Word (its lock file ~$plan.docx is beside it), so it was not "
        "replaced. Close it in Word, then make it again. Nothing was written.\n"
    )
    assert out.read_bytes() == before


def test_document_command_json(tmp_path: Path) -> None:
    book = _one_action_plan(tmp_path)
    out = tmp_path / "plan.docx"
    result = _invoke("plan", str(book), "-o", str(out), "--format", "json")
    data = json.loads(result.stdout)
    assert data["kind"] == "plan" and data["path"] == str(out)
    assert data["in"] == data["written"] == {"actions": 1, "recommendations": 1}
    bad = _invoke("plan", str(_one_action_plan(tmp_path, "Purple")), "--format", "json")
    assert bad.exit_code == 1
    assert json.loads(bad.stdout)["errors"][0]["column"] == "Status"


def test_new_hint_quotes_a_name_with_spaces(tmp_path: Path) -> None:
    path = tmp_path / "my plan.xlsx"
    result = _invoke("new", "plan", str(path))
    assert result.stdout.splitlines() == [
        f"Created {path}: a blank plan workbook.",
        "Read its Instructions sheet, fill it in (delete the example row), then check it with:",
        f'  committee check "{path}"',
    ]
    assert _invoke("new", "plan", str(tmp_path / "b.xlsx"), "-q").stdout == \
        f"{tmp_path / 'b.xlsx'}\n"


def test_templates_copy_writes_the_shipped_templates(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    result = _invoke("templates", "copy", str(folder))
    assert result.exit_code == 0
    names = sorted(set(TEMPLATE_NAMES.values()))
    assert "improvement-plan.docx" in names
    assert sorted(p.name for p in folder.iterdir()) == names
    assert result.stdout.splitlines()[-1] == (
        f"{len(names)} templates copied to {folder}. Restyle them in Word and keep their "
        "names; see docs/templates.md."
    )
    again = _invoke("templates", "copy", str(folder))
    assert again.exit_code == 1
    assert again.stderr == (
        f"Error: {folder} already holds {', '.join(names)}. Nothing was copied. Add --force "
        "to replace them with the standard templates, or choose another folder.\n"
    )
    assert _invoke("templates", "copy", str(folder), "--force").exit_code == 0


def test_templates_check_without_a_kind_is_a_usage_error(tmp_path: Path) -> None:
    _invoke("templates", "copy", str(tmp_path / "t"))
    odd = tmp_path / "house-style.docx"
    odd.write_bytes((tmp_path / "t" / "briefing.docx").read_bytes())
    assert _invoke("templates", "check", str(odd)).exit_code == 2


def test_batch_reports_a_wrongly_named_template(tmp_path: Path) -> None:
    inputs, templates = tmp_path / "in", tmp_path / "templates"
    inputs.mkdir()
    plan_workbook(inputs / "plan.xlsx", 2)
    _invoke("templates", "copy", str(templates))
    (templates / "improvement-plan.docx").rename(templates / "plan.docx")
    result = _invoke("batch", str(inputs), str(tmp_path / "out"), "--templates",
                     str(templates))
    assert ("  Warning: plan.docx in the templates folder is not a name the batch uses, so it "
            "was not used. Rename it improvement-plan.docx if it is the template for that "
            f"document. The names are: {', '.join(sorted(set(TEMPLATE_NAMES.values())))}.") \
        in result.stderr.splitlines()


def test_batch_format_json_prints_the_manifest(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    plan_workbook(inputs / "plan.xlsx", 2)
    result = _invoke("batch", str(inputs), str(tmp_path / "out"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert [e["status"] for e in data["inputs"]] == ["ok"]


def test_batch_force_says_what_was_kept_not_made(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    plan_workbook(inputs / "plan.xlsx", 2)
    _invoke("batch", str(inputs), str(outputs))
    result = _invoke("batch", str(inputs), str(outputs), "--force")
    assert result.stdout.splitlines()[:3] == [
        "[1/1] plan.xlsx: nothing new to make; kept as circulated: plan, briefing, exceptions in "
        f"{outputs / '2013-07' / 'plan'}",
        "0 documents made from 1 workbook; 0 skipped (unchanged); 0 failed.",
        "3 documents already circulated and unchanged kept as they were.",
    ]


def test_check_quiet_and_verbose(tmp_path: Path) -> None:
    path = plan_workbook(tmp_path / "plan.xlsx", 12)
    wb = openpyxl.load_workbook(path)
    for row in range(2, 14):
        wb["Actions"][f"G{row}"] = f"Progress_x0007_ {row}"
    wb.save(path)
    assert _invoke("check", "-q", str(path)).stdout.splitlines()[0] == f"{path}: valid"
    assert len(_invoke("check", "-q", str(path)).stdout.splitlines()) == 2
    every = _invoke("check", "-v", str(path)).stdout
    # the twelve control characters, each said (and the briefing's missing Next steps)
    assert every.count("Warning: sheet 'Actions'") == 12 and "more like it" not in every


def test_a_csv_plan_takes_title_and_as_at_from_the_options(tmp_path: Path) -> None:
    import docx

    book = tmp_path / "plan.csv"
    book.write_text("Action,Status\nDo it,Complete\n", encoding="utf-8")
    out = tmp_path / "p.docx"
    result = _invoke("plan", str(book), "--title", "Adult Social Care & Health plan",
                     "--as-at", "31/07/2013", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # nothing taken from the file name, nothing to warn about
    doc = docx.Document(str(out))
    assert doc.core_properties.title == "Adult Social Care & Health plan"
    assert "Position as at 31 July 2013" in [p.text for p in doc.paragraphs]
    checked = _invoke("check", str(book), "--as-at", "soon")
    assert checked.exit_code == 1
    assert ("  Error: --as-at 'soon': it is not a date. Give a date such as 31/07/2013 or "
            "July 2013.") in checked.stdout.splitlines()
