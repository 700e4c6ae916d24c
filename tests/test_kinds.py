"""The registry of document kinds is the one list of kinds: everything else loops over it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from pipeline.cli import main
from pipeline.kinds import (
    DOCUMENT_KINDS,
    INPUT_NAMES,
    KIND_NAMES,
    TEMPLATE_KINDS,
    document_kind,
    made_from,
    resolve,
)
from pipeline.reader import WorkbookResult, read_workbook
from pipeline.render.templates import TEMPLATE_NAMES, template_path

SAMPLES = ROOT / "inputs"


@pytest.mark.parametrize("kind", DOCUMENT_KINDS, ids=lambda k: k.name)
def test_every_reference_of_an_entry_resolves_and_its_template_is_shipped(kind) -> None:
    for reference in (kind.build, kind.output_name, kind.expected, kind.count, kind.advice):
        if reference:
            assert callable(resolve(reference)), reference
    # The committee report is made from any workbook's Details sheet (its cover).
    assert kind.needs in (*INPUT_NAMES, "details")
    assert {x.holds for x in kind.extras} <= set(INPUT_NAMES)
    assert template_path(kind.name).name == kind.template
    assert kind.template_kind in TEMPLATE_KINDS


def test_template_kinds_are_the_kinds_with_a_template_of_their_own() -> None:
    assert TEMPLATE_KINDS == ("plan", "briefing", "exceptions", "performance", "response", "report")
    assert document_kind("response-update").template_kind == "response"
    assert TEMPLATE_NAMES["performance"] == "performance-report.docx"


def test_the_commands_and_choices_come_from_the_registry() -> None:
    commands = {k.command.name for k in DOCUMENT_KINDS if k.command is not None}
    assert commands <= set(main.commands)
    help_text = CliRunner().invoke(main, ["--help"]).output
    for kind in DOCUMENT_KINDS:
        if kind.command is not None and kind.command.blurb:
            assert f"{kind.command.name:<11}  {kind.command.blurb}" in help_text
    vars_help = CliRunner().invoke(main, ["templates", "vars", "--help"]).output
    assert "{plan|briefing|exceptions|performance|response|report}" in "".join(vars_help.split())
    new_help = CliRunner().invoke(main, ["new", "--help"]).output
    assert "{plan|indicators|response}" in new_help


def test_a_workbook_makes_the_kinds_its_sheets_allow_in_registry_order() -> None:
    result = read_workbook(next(SAMPLES.glob("*response*.xlsx")))
    assert result.response is not None
    names = [k.name for k in made_from(result)]
    assert names[0] == "response"
    assert ("response-update" in names) == result.response.has_progress
    empty = WorkbookResult(path=Path("x.xlsx"), report=result.report)
    assert made_from(empty) == []


def test_no_module_but_the_registry_chooses_by_a_document_kind_name() -> None:
    """The if/elif chains on kind names are gone: only pipeline/kinds.py names the kinds."""
    names = "|".join(re.escape(n) for n in KIND_NAMES)
    chain = re.compile(rf"""kind\s*(==|!=|in)\s*\(?["']({names})["']""")
    offenders = []
    for path in (ROOT / "pipeline").rglob("*.py"):
        if path.name == "kinds.py" or "reader" in path.parts:  # reader: workbook parts
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if chain.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
