"""The batch says what went in and what was written, and files each document by its meeting."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import INPUTS

from pipeline.batch.layout import document_month
from pipeline.cli import main
from pipeline.domain.model import DateValue, Details


def test_response_is_filed_under_its_cabinet_meeting() -> None:
    run = dt.date(2026, 11, 23)
    details = Details(
        cabinet_date=DateValue("27/06/2013", dt.date(2013, 6, 27), "day"),
        update_date=DateValue("15/08/2013", dt.date(2013, 8, 15), "day"),
    )
    assert document_month(details, run, "response") == "2013-06"
    assert document_month(details, run, "response-update") == "2013-08"
    assert document_month(Details(), run, "response") == "2026-11"


def test_batch_reconciles_every_item_and_records_it_in_the_manifest(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(INPUTS, inputs)
    outputs = tmp_path / "outputs"
    result = CliRunner().invoke(main, ["batch", str(inputs), str(outputs), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index("8 documents made from 3 workbooks; 0 skipped (unchanged); 0 failed.")
    assert lines[start + 1 : start + 6] == [
        "  52 actions in, 52 written",
        "  27 recommendations in, 27 written",
        "  10 exceptions in, 10 written",
        "  9 indicators in, 9 written",
        "  15 scrutiny recommendations in, 15 written",
    ]
    manifest = json.loads((outputs / "manifest.json").read_text())
    docs = {d["kind"]: d for e in manifest["inputs"] for d in e["documents"]}
    assert docs["plan"]["in"] == docs["plan"]["written"] == {"actions": 52, "recommendations": 27}
    assert docs["response"]["in"] == {"recommendations": 15}
    # The committee report holds the plan as its Appendix A and reads every row back.
    reports = {Path(d["path"]).parent.name: d for e in manifest["inputs"]
               for d in e["documents"] if d["kind"] == "report"}
    plan_report = reports["childrens-services-improvement-plan"]
    assert plan_report["in"] == plan_report["written"] == {
        "report_recommendations": 2, "appendices": 1, "actions": 52, "recommendations": 27}
    assert Path(plan_report["path"]).name == "report.docx"
    assert Path(docs["response"]["path"]).parent.parent.name == "2013-06"
    assert Path(docs["response-update"]["path"]).parent.parent.name == "2013-08"
