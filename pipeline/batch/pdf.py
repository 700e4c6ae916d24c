"""PDFs beside the documents, through LibreOffice: one converter process for the whole batch.

Each .docx is copied under a unique name into a work folder, `soffice --headless
--convert-to pdf` runs once on all of them, and each PDF is then moved beside its
document through a temporary file and a rename, so a PDF is either whole or absent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.issues import Issue

SOFFICE_NAMES = ("soffice", "libreoffice")
# LibreOffice takes about 0.1 s a page; allow plenty, plus start-up.
TIMEOUT_BASE = 120
TIMEOUT_PER_FILE = 60


def find_soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    override = os.environ.get("COMMITTEE_SOFFICE")
    if override:
        return override if shutil.which(override) else None
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
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


def convert_to_pdf(documents: list[Path], work_root: Path) -> PdfResult:
    """PDFs beside `documents`, made by a single soffice process.

    `work_root` holds the converter's work folder and profile (kept between runs so that
    LibreOffice starts faster the next time). Problems come back as issues, never raised.
    """
    result = PdfResult()
    if not documents:
        return result
    soffice = find_soffice()
    if soffice is None:
        result.problems.append(Issue("write-error", "warning", MISSING_MESSAGE))
        return result
    work_root.mkdir(parents=True, exist_ok=True)
    profile = work_root / "libreoffice-profile"
    with tempfile.TemporaryDirectory(prefix="pdf-", dir=work_root) as tmp:
        tmp_dir = Path(tmp)
        src_dir = tmp_dir / "in"
        out_dir = tmp_dir / "out"
        src_dir.mkdir()
        out_dir.mkdir()
        names: dict[Path, Path] = {}
        for n, doc in enumerate(documents):
            copy = src_dir / f"doc{n:05d}.docx"
            shutil.copyfile(doc, copy)
            names[doc] = copy
        command = [
            soffice, "--headless", "--norestore", "--nologo", "--nodefault",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--convert-to", "pdf", "--outdir", str(out_dir),
            *[str(p) for p in names.values()],
        ]
        try:
            completed = subprocess.run(
                command, capture_output=True, text=True,
                timeout=TIMEOUT_BASE + TIMEOUT_PER_FILE * len(documents),
                env={**os.environ, "HOME": str(work_root)},
            )
            detail = (completed.stderr or completed.stdout).strip()[-300:]
        except subprocess.TimeoutExpired:
            detail = "LibreOffice took too long and was stopped"
        except OSError as exc:
            detail = f"LibreOffice could not be started ({exc.strerror})"
        for doc, copy in names.items():
            made = out_dir / (copy.stem + ".pdf")
            if not made.is_file() or made.stat().st_size == 0:
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
    return result


def _move_atomically(source: Path, target: Path) -> None:
    from pipeline.atomic import fsync_dir

    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
