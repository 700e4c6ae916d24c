"""Every hostile template of tests/hostile/template_corpus.py through `templates check`,
`plan --template` and the batch, each in its own process with the issue's limits (10 s a
command, 500 MB).

A refused template must be refused by the check and by rendering, with the error's code and
its place (the part, relationship id and target, or the paragraph and field) and no
traceback; nothing is written. An accepted one gives a document. No document ever holds an
external relationship (other than a web or e-mail hyperlink). A local HTTP server proves
that nothing is fetched while the batch makes PDFs.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile.template_corpus import BY_NAME, CASES, SOURCE, TemplateCase, build

ROOT = Path(__file__).resolve().parent.parent
PLAN_BOOK = ROOT / "inputs" / "childrens-services-improvement-plan.xlsx"
TIME_LIMIT_S = 10.0
MEMORY_LIMIT_KB = 500 * 1024

DRIVER = r"""
import json, sys, time
from pathlib import Path
from click.testing import CliRunner
from hostile.template_corpus import BY_NAME, build
from pipeline.cli import main
from pipeline.render.lint import lint_template

case, folder, book = BY_NAME[sys.argv[1]], Path(sys.argv[2]), sys.argv[3]
template = build(case, folder)
out = folder / (case.name + "-out.docx")
report = {}
start = time.perf_counter()
check = CliRunner().invoke(main, ["templates", "check", str(template), "--kind", "plan"])
report["check"] = [check.exit_code, check.output, time.perf_counter() - start,
                   repr(check.exception) if check.exception and
                   not isinstance(check.exception, SystemExit) else None]
report["codes"] = [i.code for i in lint_template(template, "plan").report.errors]
start = time.perf_counter()
plan = CliRunner().invoke(main, ["plan", book, "-o", str(out), "--template", str(template)])
report["plan"] = [plan.exit_code, plan.output, time.perf_counter() - start,
                  repr(plan.exception) if plan.exception and
                  not isinstance(plan.exception, SystemExit) else None]
report["written"] = out.exists()
report["hwm_kb"] = int(next(line.split()[1] for line in open("/proc/self/status")
                            if line.startswith("VmHWM:")))
print(json.dumps(report))
"""


def external_relationships(path: Path) -> list[str]:
    """Every external relationship target in a .docx, except web and e-mail hyperlinks."""
    found: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith(".rels"):
                continue
            text = archive.read(name).decode("utf-8")
            for rel in re.findall(r"<Relationship [^>]*>", text):
                if 'TargetMode="External"' not in rel:
                    continue
                target = re.search(r'Target="([^"]*)"', rel)
                web = re.search(r'Target="(https?://|mailto:)', rel) and "/hyperlink" in rel
                if not web:
                    found.append(f"{name}: {target.group(1) if target else rel}")
    return found


def run_case(case: TemplateCase, folder: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "tests"), str(ROOT)]))
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, case.name, str(folder), str(PLAN_BOOK)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, env=env,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_template(case: TemplateCase, tmp_path: Path) -> None:
    report = run_case(case, tmp_path)
    check_code, check_output, check_s, check_crash = report["check"]
    plan_code, plan_output, plan_s, plan_crash = report["plan"]
    assert check_crash is None and plan_crash is None, (check_crash, plan_crash)
    assert "Traceback" not in check_output + plan_output
    assert "Jinja" not in check_output + plan_output
    assert check_s < TIME_LIMIT_S and plan_s < TIME_LIMIT_S, (check_s, plan_s)
    assert report["hwm_kb"] < MEMORY_LIMIT_KB
    if case.outcome == "accept":
        assert check_code == 0, check_output
        assert plan_code == 0, plan_output
        out = tmp_path / f"{case.name}-out.docx"
        assert external_relationships(out) == []
        return
    assert check_code == 1 and plan_code == 1, (check_output, plan_output)
    assert not report["written"], "a refused template must write nothing"
    assert case.code in report["codes"], report["codes"]
    for where in case.where:
        assert where in check_output, (where, check_output)
    assert any(where in plan_output for where in case.where), plan_output
    assert f"{case.name}-plan.docx" in plan_output  # the template is blamed, by name


def test_every_problem_in_one_run_in_document_order(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    template = build(BY_NAME["three-problems"], tmp_path)
    run = CliRunner().invoke(main, ["templates", "check", str(template), "--kind", "plan"])
    assert run.exit_code == 1
    assert "3 problems to fix" in run.output
    lines = [line for line in run.output.splitlines() if line.startswith("  Error:")]
    # The three problems sit where the shipped template's {{ body }} paragraph was.
    import docx

    from pipeline.render.templates import template_path

    shipped = docx.Document(str(template_path("plan"))).paragraphs
    first = 1 + next(i for i, p in enumerate(shipped) if p.text == "{{ body }}")
    found = [int(re.search(r"paragraph (\d+)", line).group(1)) for line in lines]
    assert found == [first, first + 1, first + 2]
    assert "'comittee'" in lines[0] and "Did you mean 'committee'?" in lines[0]
    assert "{% if as_at %} opens a block that is never closed. Add {% endif %}" in lines[1]
    assert "starts with {{ but does not end in this paragraph" in lines[2]


def test_a_block_closed_by_the_wrong_end_says_which_in_plain_words(tmp_path: Path) -> None:
    from pipeline.render.lint import lint_template

    template = build(BY_NAME["wrong-end"], tmp_path)
    messages = [i.message for i in lint_template(template, "plan").report.errors]
    assert any("{% endfor %} closes a block that was never opened" in m for m in messages)
    assert any("{% if as_at %} opens a block that is never closed. Add {% endif %}" in m
               for m in messages)
    assert not any("Jinja" in m or "looking for" in m or "token" in m for m in messages)


def test_mixed_up_ends_name_the_open_block(tmp_path: Path) -> None:
    from hostile.template_corpus import TemplateCase, _fields

    from pipeline.render.lint import lint_template

    case = TemplateCase("mixed", "refused", "for inside if, closed in the wrong order",
                        _fields("{% if as_at %}", "{% for x in [1] %}", "{% endif %}"))
    messages = [i.message for i in lint_template(build(case, tmp_path), "plan").report.errors]
    assert any("{% for x in [1] %} is not closed before {% endif %}" in m
               and "Add {% endfor %}" in m for m in messages), messages


# --- nothing is fetched while the batch makes PDFs -----------------------------------------


@pytest.fixture()
def server() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def _soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is needed in CI")
        pytest.skip("LibreOffice is not installed")
    return found


FETCHING = [c for c in CASES if c.fetches]


def test_libreoffice_really_fetches_a_linked_picture(server: tuple[str, list[str]],
                                                     tmp_path: Path) -> None:
    """The control: converting the hostile template itself does fetch the server (so the
    batch test below can fail)."""
    soffice = _soffice()
    url, hits = server
    template = build(BY_NAME["linked-picture-http"], tmp_path, url)
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(template)],
                   capture_output=True, timeout=180, check=False)
    assert hits, "LibreOffice did not fetch the linked picture: the fetch test proves nothing"


def test_batch_pdf_fetches_nothing_and_blames_the_template(
    server: tuple[str, list[str]], tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    _soffice()
    url, hits = server
    inputs, outputs, templates = tmp_path / "in", tmp_path / "out", tmp_path / "templates"
    inputs.mkdir()
    templates.mkdir()
    shutil.copy(PLAN_BOOK, inputs / PLAN_BOOK.name)
    for case in FETCHING:  # each fetching template in turn as the council's plan template
        built = build(case, tmp_path, url)
        shutil.copy(built, templates / SOURCE.name)
        run = CliRunner().invoke(main, ["batch", str(inputs), str(outputs), "--pdf",
                                        "--force", "--templates", str(templates), "-j", "1"])
        assert "Traceback" not in run.output
        assert run.exit_code == 1, run.output
        assert f"The template {SOURCE.name} cannot be used" in run.output, run.output
        assert "outside the file" in run.output and "0 failed" in run.output  # not the workbook
        manifest = json.loads((outputs / "manifest.json").read_text())
        # A template's fault is blamed on the template (issue 14): it is in the input's
        # template_errors and the run's problems, not in the workbook's errors.
        errors = [e for i in manifest["inputs"] for e in i.get("template_errors", [])]
        assert errors and all(i["errors"] == [] for i in manifest["inputs"])
        assert any(e["file"].endswith(SOURCE.name) and e["code"] == "security-error"
                   for e in errors), manifest
        for made in outputs.rglob("*.docx"):
            assert external_relationships(made) == [], made
    assert hits == [], f"fetched during the batch: {hits}"


@pytest.mark.parametrize("name", ["power-5000", "recursive-macro", "include", "docm-renamed",
                                  "dtd-entity-styles", "long-loop", "huge-string"])
def test_batch_blames_the_template_and_makes_the_rest(name: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    inputs, outputs, templates = tmp_path / "in", tmp_path / "out", tmp_path / "templates"
    inputs.mkdir()
    templates.mkdir()
    shutil.copy(PLAN_BOOK, inputs / PLAN_BOOK.name)
    shutil.copy(build(BY_NAME[name], tmp_path), templates / SOURCE.name)
    run = CliRunner().invoke(main, ["batch", str(inputs), str(outputs), "--templates",
                                    str(templates), "-j", "1"])
    assert "Traceback" not in run.output and "Jinja" not in run.output
    assert run.exit_code == 1
    assert f"[1/1] {PLAN_BOOK.name}: made: briefing" in run.output
    assert "(1 template problem)" in run.output and "0 failed" in run.output
    assert f"The template {SOURCE.name} cannot be used: The Word template" in run.output
    assert f"That document was not made for {PLAN_BOOK.name}; the other documents were." in (
        run.output)
    assert "problem to fix" not in run.output  # the workbook is never blamed
    made = sorted(p.name for p in outputs.rglob("*.docx"))
    assert "briefing.docx" in made and "plan.docx" not in made, made
