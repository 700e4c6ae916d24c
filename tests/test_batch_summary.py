"""The end-of-run summary is made by the library (pipeline.batch.summary), not the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT

from pipeline.batch.run import run_batch
from pipeline.batch.summary import Listed, Said, summary


def test_summary_of_a_batch_is_data_the_cli_only_prints(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for book in (ROOT / "inputs").glob("*.xlsx"):
        shutil.copyfile(book, inputs / book.name)
    (inputs / "bad.xlsx").write_text("not a workbook")
    result = run_batch(inputs, tmp_path / "outputs", jobs=1)
    lines = summary(result)
    said = [(line.text, line.err) for line in lines if isinstance(line, Said)]
    n = len(result.made)
    assert n >= 5
    assert said[0] == (f"{n} documents made from 3 workbooks; 0 skipped (unchanged); "
                       "1 failed.", False)
    assert ("  9 indicators in, 9 written", False) in said[1:6]
    assert ("  15 scrutiny recommendations in, 15 written", False) in said[1:6]
    assert ("Failed:", True) in said
    assert (f"  {inputs / 'bad.xlsx'}: 1 problem to fix", True) in said
    assert said[-1] == (f"Manifest: {tmp_path / 'outputs' / 'manifest.json'}", False)
    failed_at = next(i for i, line in enumerate(lines)
                     if isinstance(line, Said) and line.text.endswith("bad.xlsx: 1 problem to fix"))
    listed = lines[failed_at + 1]
    assert isinstance(listed, Listed) and listed.err
    assert listed.issues[0].file == str(inputs / "bad.xlsx")
