"""The input contract is said three times: `pipeline.reader.columns` (what the reader
accepts), docs/inputs.md (what service managers read) and the blank workbooks of
`committee new` (what they fill in). These tests keep the three in line."""

from __future__ import annotations

import pytest
from conftest import ROOT

from pipeline.reader.blank_contents import BLANKS
from pipeline.reader.columns import ACTIONS, INDICATORS, RECOMMENDATIONS, VALUES, SheetSpec
from pipeline.text import normalise_label

# The docs' column table of each sheet: the heading it sits under.
DOCUMENTED: dict[str, tuple[SheetSpec, str]] = {
    "Actions": (ACTIONS, "## Improvement plan: the Actions sheet"),
    "Indicators": (INDICATORS, "### Indicators sheet"),
    "Recommendations": (RECOMMENDATIONS, "## Cabinet response: the Recommendations sheet"),
}
SPECS: dict[str, SheetSpec] = {"Actions": ACTIONS, "Indicators": INDICATORS,
                               "Values": VALUES, "Recommendations": RECOMMENDATIONS}


def documented_columns(heading: str) -> dict[str, set[str]]:
    """The first column table under `heading` in docs/inputs.md: column -> its other
    spellings, in the table's order."""
    text = (ROOT / "docs" / "inputs.md").read_text(encoding="utf-8")
    section = text[text.index(heading):]
    lines = section[section.index("| column |"):].splitlines()[2:]  # past |---|
    table: dict[str, set[str]] = {}
    for line in lines:
        if not line.startswith("|"):
            break
        name, aliases = (cell.strip() for cell in line.strip("|").split("|")[:2])
        table[name.strip("*")] = {a.strip() for a in aliases.split(",") if a.strip()}
    return table


@pytest.mark.parametrize("sheet", list(DOCUMENTED))
def test_docs_list_every_column_and_spelling_the_reader_accepts(sheet: str) -> None:
    spec, heading = DOCUMENTED[sheet]
    documented = documented_columns(heading)
    assert list(documented) == [c.name for c in spec.columns]
    for column in spec.columns:
        missing = set(column.aliases) - documented[column.name]
        assert not missing, f"docs/inputs.md's {sheet} table lacks {column.name}: {missing}"
    required = {c.name for c in spec.columns if c.required}
    text = (ROOT / "docs" / "inputs.md").read_text(encoding="utf-8")
    section = text[text.index(heading):]
    for name in required:
        assert f"| **{name}** |" in section, f"{name} is required: docs show it in bold"


@pytest.mark.parametrize("kind", list(BLANKS))
def test_every_column_of_a_blank_workbook_is_a_contract_column(kind: str) -> None:
    for sheet in BLANKS[kind].sheets:
        spec = SPECS[sheet.name]
        assert spec.matches_name(sheet.name)
        names = [c.name for c in spec.columns]
        headers = [c.header for c in sheet.columns]
        assert all(h in names for h in headers), set(headers) - set(names)
        # In the contract's order, every required column there.
        assert headers == sorted(headers, key=names.index)
        assert {c.name for c in spec.required} <= set(headers)
        for column in sheet.columns:
            assert normalise_label(column.header) == normalise_label(column.header.strip())
            assert column.help.strip(), f"{sheet.name}: {column.header} has no help"


def test_the_blank_response_and_plan_carry_their_revised_dates() -> None:
    """Issue 15 items 1 and 4: `committee new` offers the revised-date columns."""
    plan = [c.header for s in BLANKS["plan"].sheets for c in s.columns]
    response = [c.header for s in BLANKS["response"].sheets for c in s.columns]
    assert "Revised target date" in plan
    assert response[response.index("Action date") + 1] == "Revised date"
