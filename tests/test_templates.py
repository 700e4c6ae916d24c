"""Council-editable Word templates: the lint, the sandbox, literal data, the variables
reference, the shipped templates with the sample inputs, a council's templates folder."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.documents.docmodel import DocumentModel
from pipeline.documents.table_fields import designs_of
from pipeline.issues import PipelineError
from pipeline.render.context import (
    KINDS,
    VARS_END,
    VARS_START,
    full_reference,
    refresh_docs,
    template_variables,
)
from pipeline.render.engine import render_bytes, render_context, render_document
from pipeline.render.lint import guess_kind, lint_template
from pipeline.render.templates import TEMPLATE_NAMES, shipped_templates_dir

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
PLAN_BOOK = INPUTS / "childrens-services-improvement-plan.xlsx"
INDICATORS_BOOK = INPUTS / "performance-indicators.xlsx"
RESPONSE_BOOK = INPUTS / "cabinet-response.xlsx"
# Each kind of document and the sample workbook it is made from.
SAMPLES: dict[str, Path] = {
    "plan": PLAN_BOOK,
    "briefing": PLAN_BOOK,
    "performance": INDICATORS_BOOK,
    "response": RESPONSE_BOOK,
    "response-update": RESPONSE_BOOK,
    "report": PLAN_BOOK,
}
TEMPLATE_KIND = {"response-update": "response"}


def shipped(kind: str) -> Path:
    return shipped_templates_dir() / TEMPLATE_NAMES[kind]


def edited_template(
    tmp_path: Path, kind: str, edit: Callable[[docx.document.Document], None],
    name: str | None = None,
) -> Path:
    """A copy of the shipped template of `kind`, changed by `edit` (python-docx) and saved."""
    doc = docx.Document(str(shipped(kind)))
    edit(doc)
    path = tmp_path / (name or TEMPLATE_NAMES[kind])
    doc.save(str(path))
    return path


def xml_edited_template(tmp_path: Path, kind: str, part: str, old: str, new: str) -> Path:
    """A copy of the shipped template with `old` replaced by `new` in one XML part."""
    source = shipped(kind)
    path = tmp_path / f"edited-{TEMPLATE_NAMES[kind]}"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                text = data.decode("utf-8")
                assert old in text, f"{old!r} not in {part}"
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(info, data)
    return path


def add_paragraph(text: str) -> Callable[[docx.document.Document], None]:
    def edit(doc: docx.document.Document) -> None:
        doc.add_paragraph(text)

    return edit


def messages(path: Path, kind: str = "plan") -> list[str]:
    return [i.message for i in lint_template(path, kind).report.errors]


def model_for(kind: str) -> DocumentModel:
    from pipeline.reader import read_workbook
    from pipeline.run_document import build_model

    result = read_workbook(SAMPLES[kind])
    assert result.report.ok, [i.describe() for i in result.report.errors]
    return build_model(kind, result)


def all_text(doc: docx.document.Document) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs]
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


# --- the shipped templates ----------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_templates_pass_the_check(kind: str) -> None:
    path = shipped(kind)
    assert guess_kind(path) == kind
    result = lint_template(path, kind)
    assert [i.describe() for i in result.report] == []
    assert {"title", "body", "protective_marking", "generated_on"} <= result.names_used
    run = CliRunner().invoke(main, ["templates", "check", str(path)])
    assert run.exit_code == 0, run.output
    article = "an" if kind == "exceptions" else "a"  # "an exceptions template"
    assert f"no problems found (checked as {article} {kind} template)" in run.output


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_each_shipped_template_renders_each_sample_input(kind: str, tmp_path: Path) -> None:
    model = model_for(kind)
    out = render_document(model, tmp_path / f"{kind}.docx")
    doc = docx.Document(str(out))
    text = all_text(doc)
    assert model.title in [p.text for p in doc.paragraphs]
    assert doc.core_properties.title == model.title
    if model.protective_marking:
        assert model.protective_marking.upper() in text
    assert "{{" not in text and "{%" not in text and "BODY-" not in text
    assert len(doc.paragraphs) + len(doc.tables) > 10  # the body went in


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_declared_variables_are_exactly_what_each_builder_provides(kind: str) -> None:
    model = model_for(kind)
    provided = set(render_context(model, "BODY"))
    declared = set(template_variables(TEMPLATE_KIND.get(kind, kind)))
    assert provided == declared, (
        f"{kind}: the builder provides {sorted(provided - declared)} not declared in "
        f"pipeline/render/context.py, which declares {sorted(declared - provided)} it does "
        "not provide. Make them agree, then run scripts/update_template_docs.py."
    )


# --- the lint -----------------------------------------------------------------------------


def test_syntax_error_in_a_body_paragraph_says_where_and_what(tmp_path: Path) -> None:
    path = edited_template(tmp_path, "plan", add_paragraph("Report to {{ committee | }} today"))
    found = messages(path)
    assert len(found) == 1
    count = len(docx.Document(str(path)).paragraphs)
    assert found[0].startswith(f"In the body, paragraph {count} ")
    assert "(“Report to {{ committee | }} today”)" in found[0]
    assert "{{ committee | }} cannot be read" in found[0]


def test_syntax_error_in_a_table_cell_gives_table_row_and_cell(tmp_path: Path) -> None:
    def edit(doc: docx.document.Document) -> None:
        table = doc.add_table(rows=2, cols=3)
        table.cell(0, 0).text = "Committee"
        table.cell(1, 2).text = "{% if committee %}{{ committee }}"
        # in the frame, after {{ body }} (a table after the Table designs line is a design)
        body = next(p for p in doc.paragraphs if p.text == "{{ body }}")
        body._p.addnext(table._tbl)

    found = messages(edited_template(tmp_path, "plan", edit))
    assert len(found) == 1
    assert found[0].startswith("In the body, table 1 row 2 cell 3 ")
    assert "{% if committee %} opens a block that is never closed" in found[0]
    assert "{% endif %}" in found[0]


def test_syntax_error_in_the_footer(tmp_path: Path) -> None:
    def edit(doc: docx.document.Document) -> None:
        doc.sections[0].footer.add_paragraph("Contact: {{ contact_officer ")

    found = messages(edited_template(tmp_path, "plan", edit))
    assert len(found) == 1
    assert found[0].startswith("In the footer (footer1.xml), paragraph ")
    assert "“Contact: {{ contact_officer ”" in found[0]
    assert "starts with {{ but does not end in this paragraph" in found[0]


def test_tag_split_across_runs_is_read_like_docxtpl_reads_it(tmp_path: Path) -> None:
    def edit(doc: docx.document.Document) -> None:
        p = doc.add_paragraph()
        p.add_run("{{ commi")
        p.add_run("ttee }} and {{ meet").bold = True
        p.add_run("ing_date }}")

    path = edited_template(tmp_path, "plan", edit)
    assert messages(path) == []
    result = lint_template(path, "plan")
    assert {"committee", "meeting_date"} <= result.names_used


def test_unknown_variable_is_named_with_where(tmp_path: Path) -> None:
    path = edited_template(tmp_path, "response", add_paragraph("Ward: {{ councillor }}"))
    found = messages(path, "response")
    assert len(found) == 1
    assert "the name 'councillor', which response documents do not provide" in found[0]
    assert "Did you mean" not in found[0]
    assert "committee templates vars response" in found[0]


def test_misspelt_variables_get_the_closest_name(tmp_path: Path) -> None:
    path = edited_template(
        tmp_path, "plan", add_paragraph("{{ comittee }}, {{ meeting_dat }}, {{ comittee }}")
    )
    found = messages(path)
    assert len(found) == 2
    assert "'comittee'" in found[0] and "Did you mean 'committee'?" in found[0]
    assert "used 2 times" in found[0]
    assert "'meeting_dat'" in found[1] and "Did you mean 'meeting_date'?" in found[1]


def test_a_name_one_kind_has_is_unknown_to_another(tmp_path: Path) -> None:
    """wards_affected is a plan name: a performance template may not use it."""
    path = edited_template(tmp_path, "plan", add_paragraph("{{ wards_affected }}"))
    assert messages(path, "plan") == []
    assert any("'wards_affected'" in m for m in messages(path, "performance"))


def test_unknown_filter_and_loop_variables(tmp_path: Path) -> None:
    path = edited_template(tmp_path, "plan", add_paragraph(
        "{{ as_at | long_dte }} {% for x in range(2) %}{{ x }}{{ loop.index }}{% endfor %}"))
    found = messages(path)
    assert len(found) == 1
    assert "filter 'long_dte' that does not exist. Did you mean 'long_date'?" in found[0]


def test_end_without_start(tmp_path: Path) -> None:
    found = messages(edited_template(tmp_path, "plan", add_paragraph("{% endif %}")))
    assert len(found) == 1
    assert "{% endif %} closes a block that was never opened" in found[0]


def test_missing_doubled_or_crowded_body_paragraph(tmp_path: Path) -> None:
    def remove_body(doc: docx.document.Document) -> None:
        for p in doc.paragraphs:
            if p.text == "{{ body }}":
                p._p.getparent().remove(p._p)

    missing = messages(edited_template(tmp_path, "plan", remove_body, "a.docx"))
    assert missing == [
        "a.docx has no paragraph holding {{ body }}, so the document's content would have "
        "nowhere to go. Add a paragraph whose only text is {{ body }} where the content "
        "should start."
    ]
    crowded = messages(edited_template(tmp_path, "plan", add_paragraph("See: {{ body }}")))
    assert any("must be alone in its paragraph" in m for m in crowded)
    assert any("appears 2 times" in m for m in crowded)


def test_template_check_cli_exit_codes_and_kind(tmp_path: Path) -> None:
    bad = edited_template(tmp_path, "briefing", add_paragraph("{{ comittee }}"),
                          "our-briefing.docx")
    run = CliRunner().invoke(main, ["templates", "check", str(bad)])
    assert run.exit_code == 1
    assert "1 problem to fix (checked as a briefing template)" in run.output
    assert "Did you mean 'committee'?" in run.output
    unknown = shutil.copy(shipped("plan"), tmp_path / "house-style.docx")
    run = CliRunner().invoke(main, ["templates", "check", str(unknown)])
    assert run.exit_code == 2  # a usage error: --kind is needed (issue 14: exit codes)
    assert "Add --kind" in run.output
    run = CliRunner().invoke(main, ["templates", "check", str(unknown), "--kind", "plan"])
    assert run.exit_code == 0, run.output
    not_word = tmp_path / "plan.docx"
    not_word.write_text("not a zip")
    run = CliRunner().invoke(main, ["templates", "check", str(not_word)])
    assert run.exit_code == 1
    assert "could not be opened as a Word document" in run.output


def test_guess_kind_from_file_names() -> None:
    assert guess_kind(Path("Improvement-Plan v2.docx")) == "plan"
    assert guess_kind(Path("briefing.docx")) == "briefing"
    assert guess_kind(Path("performance-report.docx")) == "performance"
    assert guess_kind(Path("cabinet.docx")) == "response"
    assert guess_kind(Path("response-2024.docx")) == "response"
    assert guess_kind(Path("letterhead.docx")) is None


# --- sandbox and literal data -------------------------------------------------------------


def test_template_reaching_python_internals_is_refused_and_nothing_written(
    tmp_path: Path,
) -> None:
    path = edited_template(tmp_path, "plan", add_paragraph("{{ ''.__class__.__mro__ }}"))
    found = lint_template(path, "plan").report.errors
    assert [i.code for i in found] == ["security-error"]
    assert "tries to reach Python's internals (__class__, __mro__)" in found[0].message
    out = tmp_path / "out" / "plan.docx"
    with pytest.raises(PipelineError) as caught:
        render_document(model_for("plan"), out, template=path)
    message = caught.value.message
    assert "tries to do something templates may not do" in message
    assert "(in the body, paragraph " in message
    assert not out.exists()
    assert not (out.parent.exists() and any(out.parent.iterdir()))


def test_undefined_variable_at_render_names_it_and_where(tmp_path: Path) -> None:
    def edit(doc: docx.document.Document) -> None:
        doc.sections[0].footer.add_paragraph("Ward: {{ ward }}")

    path = edited_template(tmp_path, "plan", edit)
    with pytest.raises(PipelineError) as caught:
        render_bytes(model_for("plan"), template=path)
    message = caught.value.message
    assert "uses {{ ward }} (in the footer (footer1.xml), paragraph " in message
    assert "which this document does not provide" in message


def test_cli_refuses_an_unsafe_template_and_writes_nothing(tmp_path: Path) -> None:
    path = edited_template(tmp_path, "plan", add_paragraph("{{ cycler.__init__ }}"))
    out = tmp_path / "plan.docx"
    run = CliRunner().invoke(main, ["plan", str(PLAN_BOOK), "-o", str(out),
                                    "--template", str(path)])
    assert run.exit_code == 1
    assert "may not do" in run.output
    assert not out.exists()


def test_template_code_typed_in_cells_prints_as_typed(tmp_path: Path) -> None:
    import openpyxl

    book = tmp_path / "plan.xlsx"
    shutil.copy(PLAN_BOOK, book)
    wb = openpyxl.load_workbook(book)
    details = wb["Details"]
    for row in details.iter_rows():
        if row[0].value == "Organisation":
            row[1].value = "{{ 7*7 }} & <Council>"
        if row[0].value == "Committee":
            row[1].value = "{% if true %}Cabinet{% endif %}"
    actions = wb["Actions"]
    actions.cell(row=2, column=4).value = "Check {{ 7*7 }} and {{ ''.__class__ }}"
    wb.save(book)

    template = edited_template(tmp_path, "plan", add_paragraph("Committee: {{ committee }}"))
    out = tmp_path / "out.docx"
    run = CliRunner().invoke(main, ["plan", str(book), "-o", str(out), "--template",
                                    str(template)])
    assert run.exit_code == 0, run.output
    doc = docx.Document(str(out))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "{{ 7*7 }} & <Council>" in paragraphs  # the frame's {{ organisation }}
    assert "Committee: {% if true %}Cabinet{% endif %}" in paragraphs
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "Check {{ 7*7 }} and {{ ''.__class__ }}" in cells  # the generated body
    assert "49" not in all_text(doc)


# --- filters ------------------------------------------------------------------------------


def test_clerk_filters_render(tmp_path: Path) -> None:
    path = edited_template(tmp_path, "plan", add_paragraph(
        "Meeting {{ meeting_date | long_date }}; report {{ report_number | number_words }}; "
        "{{ organisation | upper }}"))
    assert messages(path) == []
    model = model_for("plan")
    model.context["meeting_date"] = "2013-08-15"
    doc = docx.Document(__import__("io").BytesIO(render_bytes(model, template=path)))
    expected = (f"Meeting 15 August 2013; report three; "
                f"{model.context['organisation'].upper()}")
    assert model.context["report_number"] == "3"
    assert expected in [p.text for p in doc.paragraphs]


# --- a council's templates folder ---------------------------------------------------------


def test_council_folder_overrides_one_kind_and_falls_back_for_the_others(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "our-templates"
    folder.mkdir()
    edited_template(folder, "plan", add_paragraph("Telford house style: {{ committee }}"))
    assert lint_template(folder / TEMPLATE_NAMES["plan"], "plan").ok

    plan = docx.Document(__import__("io").BytesIO(
        render_bytes(model_for("plan"), templates_dir=folder)))
    committee = model_for("plan").context["committee"]
    assert f"Telford house style: {committee}" in [p.text for p in plan.paragraphs]

    briefing = docx.Document(__import__("io").BytesIO(
        render_bytes(model_for("briefing"), templates_dir=folder)))
    assert not any("house style" in p.text for p in briefing.paragraphs)
    assert model_for("briefing").title in [p.text for p in briefing.paragraphs]


# --- the variables reference --------------------------------------------------------------


def test_docs_reference_is_up_to_date() -> None:
    docs = ROOT / "docs" / "templates.md"
    text = docs.read_text(encoding="utf-8")
    assert VARS_START in text and VARS_END in text
    assert refresh_docs(text) == text, (
        "docs/templates.md is out of date with pipeline/render/context.py. Refresh it with: "
        ".venv/bin/python scripts/update_template_docs.py"
    )
    for kind in KINDS:
        for name in template_variables(kind):
            assert f"| `{name}` |" in full_reference()


def test_refresh_docs_replaces_a_stale_reference() -> None:
    stale = f"# Guide\n{VARS_START}\n| `old_name` | text | gone |\n{VARS_END}\nEnd\n"
    fresh = refresh_docs(stale)
    assert "old_name" not in fresh
    assert "| `wards_affected` |" in fresh
    assert fresh.startswith("# Guide\n") and fresh.endswith(f"{VARS_END}\nEnd\n")


def test_refresh_docs_lists_every_kind_of_the_registry_with_its_command_and_template() -> None:
    from pipeline.kinds import DOCUMENT_KINDS
    from pipeline.render.context import KINDS_END, KINDS_START

    stale = f"# Guide\n{KINDS_START}\n| old |\n{KINDS_END}\n{VARS_START}\n{VARS_END}\n"
    fresh = refresh_docs(stale)
    assert "| old |" not in fresh
    assert "| Update on the cabinet response | `committee response --update` | " \
        "`cabinet-response.docx` |" in fresh
    for kind in DOCUMENT_KINDS:
        assert f"| {kind.title} |" in fresh and f"`{kind.template}`" in fresh


@pytest.mark.parametrize("kind", KINDS)
def test_templates_vars_lists_every_name(kind: str) -> None:
    run = CliRunner().invoke(main, ["templates", "vars", kind])
    assert run.exit_code == 0
    for var in template_variables(kind).values():
        assert any(line.split()[:2] == [var.name, var.type] for line in run.output.splitlines()
                   if line.strip())
    markdown = CliRunner().invoke(main, ["templates", "vars", kind, "--format", "markdown"])
    fields = sum(len(d.fields) for d in designs_of(kind))  # the table design fields
    assert markdown.output.count("| `") == len(template_variables(kind)) + fields
    for design in designs_of(kind):
        assert all(f"{{{{ {f.name} }}}}" in run.output for f in design.fields)


def test_templates_vars_refuses_an_unknown_kind() -> None:
    run = CliRunner().invoke(main, ["templates", "vars", "minutes"])
    assert run.exit_code == 2
    assert "plan" in run.output and "response" in run.output
