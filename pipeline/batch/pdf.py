"""PDFs beside the documents, through LibreOffice, spread over the computer's cores.

The documents are shared out by size (largest first, each to the least loaded converter)
among one `soffice --headless --convert-to pdf` process per core, each with its own
LibreOffice profile (`-env:UserInstallation`: two LibreOffices cannot share one), all
running at once. The profiles are kept in the user's cache folder (pipeline.batch.profiles:
LibreOffice starts faster with one it made before), never in OUTPUTS. Each .docx is copied
under a unique name into its converter's folder (in the system's temporary folder), and
each PDF is then moved beside its document through a temporary file and a rename, so a PDF
is either whole or absent.

Size is judged by the uncompressed size of the document's text part (word/document.xml),
about 11 KB a page for a plan: a document estimated at over PAGE_LIMIT pages is not
converted (LibreOffice takes tens of minutes over such a table, or never finishes) and the
user is told why; one over LARGE_PAGES is converted by a converter of its own, with a
notice saying so. Every converter has a time limit from its pages; past it LibreOffice is
stopped and the user is told which documents have no PDF.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.issues import Issue

SOFFICE_NAMES = ("soffice", "libreoffice")
BYTES_PER_PAGE = 11_000  # of word/document.xml, for a plan's landscape table pages
PAGE_LIMIT = 2_000  # estimated pages over which no PDF is made
LARGE_PAGES = 300  # estimated pages from which a document gets a converter of its own
# LibreOffice takes about 0.02-0.1 s a page; allow plenty, plus start-up.
TIMEOUT_BASE = 120.0
TIMEOUT_PER_FILE = 20.0
TIMEOUT_PER_PAGE = 1.0


def install_locations(platform: str | None = None,
                      environ: Mapping[str, str] | None = None) -> list[Path]:
    """Where LibreOffice's installer puts the program on Windows and macOS (it is not put on
    the PATH there); nothing on other systems, whose packages put it on the PATH."""
    import sys

    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    if platform == "win32":
        roots = [environ.get(name) for name in ("ProgramFiles", "ProgramFiles(x86)",
                                                "ProgramW6432", "LOCALAPPDATA")]
        folders = [Path(r) / "LibreOffice" for r in roots if r]
        if environ.get("LOCALAPPDATA"):
            folders.append(Path(environ["LOCALAPPDATA"]) / "Programs" / "LibreOffice")
        return [f / "program" / "soffice.exe" for f in folders]
    if platform == "darwin":
        home = environ.get("HOME")
        apps = [Path("/Applications")] + ([Path(home) / "Applications"] if home else [])
        return [a / "LibreOffice.app" / "Contents" / "MacOS" / "soffice" for a in apps]
    return []


def find_soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed: COMMITTEE_SOFFICE when set,
    else soffice or libreoffice on the PATH, else the usual install folders."""
    override = os.environ.get("COMMITTEE_SOFFICE")
    if override:
        return override if shutil.which(override) else None
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    for candidate in install_locations():
        if candidate.is_file():
            return str(candidate)
    return None


MISSING_MESSAGE = (
    "PDFs were asked for (--pdf) but LibreOffice is not installed, so no PDFs were made. "
    "The Word documents were made as usual. Install LibreOffice (https://www.libreoffice.org, "
    "or `apt-get install libreoffice-writer`) and run the batch again with --pdf, or leave "
    "out --pdf."
)


@dataclass
class PdfResult:
    made: dict[Path, Path] = field(default_factory=dict)  # docx -> pdf
    problems: list[Issue] = field(default_factory=list)


def estimated_pages(document: Path) -> int:
    """Roughly how many pages `document` prints on, from the size of its text part."""
    try:
        with zipfile.ZipFile(document) as package:
            size = package.getinfo("word/document.xml").file_size
    except (OSError, KeyError, zipfile.BadZipFile):
        return 1
    return max(1, round(size / BYTES_PER_PAGE))


def share_out(pages: dict[Path, int], converters: int) -> list[list[Path]]:
    """Documents grouped for `converters` processes: a large one alone, the rest balanced.

    Largest first, each to the group with the fewest pages so far (the longest-first rule);
    a document of LARGE_PAGES or more gets a group of its own, beside the others.
    """
    order = sorted(pages, key=lambda d: (-pages[d], str(d)))
    alone = [[d] for d in order if pages[d] >= LARGE_PAGES]
    rest = [d for d in order if pages[d] < LARGE_PAGES]
    count = max(1, converters - len(alone)) if rest else 0
    groups: list[list[Path]] = [[] for _ in range(min(count, len(rest)))]
    loads = [0] * len(groups)
    for doc in rest:
        k = loads.index(min(loads))
        groups[k].append(doc)
        loads[k] += pages[doc]
    return alone + groups


def converter_count() -> int:
    from pipeline.portable import cpu_count

    return cpu_count()


@dataclass
class _Converter:
    documents: dict[Path, Path]  # original -> its copy in `src`
    out: Path
    timeout: float
    process: subprocess.Popen[bytes] | None = None
    detail: str = ""
    started: float = 0.0


def _start(soffice: str, conv: _Converter, profile: Path, home: Path) -> None:
    command = [
        soffice, "--headless", "--norestore", "--nologo", "--nodefault",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--convert-to", "pdf", "--outdir", str(conv.out),
        *[str(p) for p in conv.documents.values()],
    ]
    conv.started = time.monotonic()
    try:
        conv.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, env={**os.environ, "HOME": str(home)},
            start_new_session=True,  # its own process group, so that it can be stopped whole
        )
    except OSError as exc:
        conv.detail = f"LibreOffice could not be started ({exc.strerror})"


def _finish(conv: _Converter) -> None:
    """Wait for the converter within what is left of its time; stop it past that."""
    proc = conv.process
    if proc is None:
        return
    left = max(1.0, conv.timeout - (time.monotonic() - conv.started))
    try:
        _, err = proc.communicate(timeout=left)
        if proc.returncode:
            conv.detail = err.decode("utf-8", "replace").strip()[-300:]
    except subprocess.TimeoutExpired:
        _stop(proc)
        proc.communicate()
        conv.detail = f"LibreOffice took longer than {_duration(conv.timeout)} and was stopped"


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a converter and what it started (LibreOffice runs soffice.bin under a launcher)."""
    killpg = getattr(os, "killpg", None)
    if killpg is not None:
        import signal

        try:
            killpg(proc.pid, signal.SIGKILL)
            return
        except OSError:
            pass
    proc.kill()


def convert_to_pdf(documents: list[Path], work_root: Path | None = None,
                   notice: Callable[[str], None] | None = None,
                   converters: int | None = None) -> PdfResult:
    """PDFs beside `documents`, made by one soffice process per core at once.

    The converters' work folders are made in `work_root` (default: the system's temporary
    folder) and removed; their profiles are kept in the user's cache folder
    (pipeline.batch.profiles) so that LibreOffice starts faster the next time. `notice` is
    told about a document converted on its own (a long one). Problems come back as issues,
    never raised.
    """
    from pipeline.batch.profiles import claim_profiles

    result = PdfResult()
    if not documents:
        return result
    soffice = find_soffice()
    if soffice is None:
        result.problems.append(Issue("write-error", "warning", MISSING_MESSAGE))
        return result
    pages = {doc: estimated_pages(doc) for doc in documents}
    for doc in [d for d in documents if pages[d] > PAGE_LIMIT]:
        del pages[doc]
        result.problems.append(Issue(
            "write-error", "warning",
            f"No PDF was made of {doc}: it is about {pages_text(estimated_pages(doc))} long, "
            f"over the {PAGE_LIMIT:,} pages that can be converted to PDF here in reasonable "
            "time. The Word document is fine; open it in Word and use Save As PDF, or split "
            "the workbook into smaller plans.",
            file=str(doc),
        ))
    if not pages:
        return result
    if work_root is not None:
        work_root.mkdir(parents=True, exist_ok=True)
    groups = share_out(pages, converters or converter_count())
    with tempfile.TemporaryDirectory(prefix="committee-pdf-", dir=work_root) as tmp, \
            claim_profiles(len(groups)) as (home, profiles):
        convs = _prepare(groups, pages, Path(tmp))
        for conv, profile in zip(convs, profiles, strict=True):
            _start(soffice, conv, profile, home)
            if notice is not None and len(conv.documents) == 1:
                (doc,) = conv.documents
                if pages[doc] >= LARGE_PAGES:
                    notice(f"Converting {doc.name} to PDF on its own (about "
                           f"{pages_text(pages[doc])}; it can take a few minutes).")
        for conv in convs:
            _finish(conv)
            _collect(conv, result)
    return result


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{max(1, round(seconds))} seconds"
    return f"{round(seconds / 60)} minutes"


def pages_text(n: int) -> str:
    return f"{n:,} page{'s' if n != 1 else ''}"


def _prepare(groups: list[list[Path]], pages: dict[Path, int], tmp: Path) -> list[_Converter]:
    convs = []
    n = 0
    for k, group in enumerate(groups):
        src, out = tmp / f"in{k}", tmp / f"out{k}"
        src.mkdir()
        out.mkdir()
        copies = {}
        for doc in group:
            copy = src / f"doc{n:05d}.docx"
            n += 1
            shutil.copyfile(doc, copy)
            copies[doc] = copy
        timeout = (TIMEOUT_BASE + TIMEOUT_PER_FILE * len(group)
                   + TIMEOUT_PER_PAGE * sum(pages[d] for d in group))
        convs.append(_Converter(copies, out, timeout))
    return convs


def _collect(conv: _Converter, result: PdfResult) -> None:
    """Move each PDF the converter made beside its document; say which it did not make."""
    for doc, copy in conv.documents.items():
        made = conv.out / (copy.stem + ".pdf")
        if not made.is_file() or made.stat().st_size == 0:
            detail = conv.detail
            result.problems.append(Issue(
                "write-error", "warning",
                f"LibreOffice did not make a PDF of {doc}"
                f"{f' ({detail})' if detail else ''}. The Word document is fine; open it "
                "in Word and use Save As PDF, or run the batch again with --pdf.",
                file=str(doc),
            ))
            continue
        target = doc.with_suffix(".pdf")
        try:
            _move_atomically(made, target)
        except OSError as exc:
            result.problems.append(Issue(
                "write-error", "warning",
                f"The PDF of {doc} could not be saved as {target} ({exc.strerror}). "
                "If it is open in a PDF reader, close it and run the batch again.",
                file=str(doc),
            ))
            continue
        result.made[doc] = target


def _move_atomically(source: Path, target: Path) -> None:
    """Copy a converted PDF beside its document, whole or not at all (pipeline.atomic)."""
    from pipeline.atomic import write_atomically

    def copy(tmp: Path) -> None:
        with open(source, "rb") as src, open(tmp, "wb") as out:
            shutil.copyfileobj(src, out)

    write_atomically(target, copy)
