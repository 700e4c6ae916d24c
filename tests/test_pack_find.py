"""Which committee reports `committee pack` finds: the batch's manifest keeps its documents'
paths relative to the outputs folder, whatever folder the batch ran from, and the pack reads
them from there (or, for a manifest written before, from the current folder); a manifest
listing reports none of which is there is an error, and nothing made exits 1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import build_workbook
from test_pack import actions, details

from pipeline.cli import main
from pipeline.pack import find_reports


@pytest.fixture
def ran_relative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`committee batch inputs outputs` run in tmp_path with a relative outputs folder."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    build_workbook(inputs / "fostering.xlsx",
                   {"Details": details("Fostering plan", "5", "Ann Smith"), "Actions": actions(2)})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["batch", "inputs", "outputs", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return tmp_path


def _documents(manifest: Path) -> list[dict[str, Any]]:
    data = json.loads(manifest.read_text(encoding="utf-8"))
    return [d for e in data["inputs"] for d in e["documents"]]


def test_manifest_paths_are_relative_to_the_outputs_folder(ran_relative: Path) -> None:
    documents = _documents(ran_relative / "outputs" / "manifest.json")
    report = next(d for d in documents if d["kind"] == "report")
    assert report["path"] == "2013-08/fostering/report.docx"
    for doc in documents:
        assert (ran_relative / "outputs" / doc["path"]).is_file()


def test_pack_finds_the_reports_of_a_batch_given_a_relative_outputs_path(
    ran_relative: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = Path("outputs") / "2013-08" / "fostering" / "report.docx"
    assert find_reports(Path("outputs")) == [expected]
    # From another folder, by the outputs folder's absolute path.
    monkeypatch.chdir(ran_relative / "inputs")
    assert find_reports(ran_relative / "outputs") == [ran_relative / expected]


def test_a_manifest_written_with_paths_from_the_batch_folder_is_still_read(
    ran_relative: Path,
) -> None:
    manifest = ran_relative / "outputs" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    for entry in data["inputs"]:
        for doc in entry["documents"]:
            doc["path"] = "outputs/" + doc["path"]  # as batches before wrote them
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert find_reports(Path("outputs")) == [Path("outputs/2013-08/fostering/report.docx")]


def test_pack_says_which_reports_the_manifest_lists_that_are_missing_and_exits_1(
    ran_relative: Path,
) -> None:
    shutil.rmtree(ran_relative / "outputs" / "2013-08" / "fostering")
    result = CliRunner().invoke(main, ["pack", "outputs"])
    assert result.exit_code == 1, result.output
    manifest = Path("outputs") / "manifest.json"
    assert (f"{manifest} lists 1 committee report (the first: "
            f"{Path('outputs/2013-08/fostering/report.docx')}), but none was found"
            in result.output)
    assert "No agenda pack was made." in result.output


def test_pack_of_a_folder_with_no_reports_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["pack", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == "No agenda pack was made: no committee report matched.\n"


def test_pack_outputs_after_batch_inputs_outputs_makes_the_pack(ran_relative: Path) -> None:
    from conftest import require_soffice

    require_soffice()
    result = CliRunner().invoke(main, ["pack", "outputs"])
    assert result.exit_code == 0, result.output
    pack = (Path("outputs") / "2013-08"
            / "agenda-pack-children-young-people-scrutiny-committee-2013-08-15.pdf")
    assert result.output.startswith(f"Wrote {pack}: ")
    assert pack.is_file()
