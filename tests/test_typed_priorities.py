"""Priority titles come out exactly as typed: capitals are the clerk's (names, acronyms)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from click.testing import CliRunner

from pipeline.cli import main
from tests.conftest import ACTION_HEADERS, action_row

SEVEN = "PRIORITY 7: WORK WITH TELFORD & WREKIN CCG, SHROPSHIRE COUNTY COUNCIL AND OFSTED"
THREE = "3. Establish the MASH with West Mercia Police and NHS Telford"
HEADING_SEVEN = "Priority 7: WORK WITH TELFORD & WREKIN CCG, SHROPSHIRE COUNTY COUNCIL AND OFSTED"
HEADING_THREE = "Priority 3: Establish the MASH with West Mercia Police and NHS Telford"


def _book(make_workbook: Callable[..., Path]) -> Path:
    return make_workbook({
        "Details": [["Title", "Seed lines"], ["As at", "31/07/2013"]],
        "Actions": [
            ACTION_HEADERS,
            action_row("Act", "Behind schedule", priority=SEVEN, ref="R2",
                       recommendation="Recommendations 10 and 11 to be included in CAMHS plan",
                       target="June 2013"),
            action_row("Act two", "Behind schedule", priority=THREE, ref="R3",
                       recommendation="Adopt the LSCB's recommendations", target="June 2013"),
        ],
    }, name="seedlines.xlsx")


def _headings(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs
            if p.style is not None and (p.style.name or "").startswith("Heading")]


def test_plan_exceptions_and_report_print_priority_titles_as_typed(
    make_workbook: Callable[..., Path], tmp_path: Path
) -> None:
    book = _book(make_workbook)
    runner = CliRunner()
    for command in ("plan", "exceptions", "report"):
        out = tmp_path / f"{command}.docx"
        result = runner.invoke(main, [command, str(book), "-o", str(out)])
        assert result.exit_code == 0, result.output
        headings = _headings(out)
        assert HEADING_SEVEN in headings, (command, headings)
        assert HEADING_THREE in headings, (command, headings)
        assert not any("telford & wrekin ccg" in h or "west mercia" in h for h in headings)
