"""Where a single-document command writes, checked before anything is written: an -o that is
not a .docx name or is one of the input workbooks, a document open in Word, and a document
under its usual name in outputs/ that is another paper (`refuse_another_paper`).

A document is made from its workbook and can always be made again, so making it again
replaces the earlier one ("Replaced ..."). But a name the command chose itself (no -o, or
-o DIR/) is never allowed to replace a different paper - one whose title is not this
document's - as two papers whose titles give the same file name would: the first would be
lost without a word. Naming that file with -o replaces it, as the user asked.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.issues import Issue, PipelineError


def _error(message: str, file: str) -> PipelineError:
    return PipelineError(message, [Issue("write-error", "error", message, file=file)])


def word_lock(doc: Path) -> Path | None:
    """The lock file Word keeps beside a document while it is open ("~$plan.docx"; for a
    longer name its first two letters give way: "~$port.docx" for "report.docx")."""
    for name in ("~$" + doc.name, "~$" + doc.name[2:]):
        lock = doc.with_name(name)
        if lock.is_file():
            return lock
    return None


def refuse_open_in_word(out: Path) -> None:
    """Refuse to replace a document that is open in Word: the person reading it would not
    see the new one, and Word may later save the old one over it."""
    lock = word_lock(out) if out.is_file() else None
    if lock is not None:
        raise _error(
            f"{out} is open in Word (its lock file {lock.name} is beside it), so it was not "
            "replaced. Close it in Word, then make it again. Nothing was written.",
            str(out),
        )


def document_title(path: Path) -> str | None:
    """The Title property of a Word document (File > Info), or None when it has none or is
    not a Word document that can be read."""
    from pipeline.render.wordxml import DC_NS, core_property

    return core_property(path, f"{{{DC_NS}}}title") or None


def refuse_another_paper(out: Path, title: str) -> None:
    """Refuse to replace, under a name the command chose, a document with another title
    than `title` (the document about to be written): another paper's."""
    from pipeline.render.engine import property_text

    if not out.is_file():
        return
    found = document_title(out)
    if found == property_text(title).strip():
        return  # the same paper made again: replaced, as always
    if found is None:
        there = (f"{out} is already there but has no title, so it is not known to be "
                 f"{title!r}, and it was not replaced")
    else:
        there = (f"{out} already holds another paper, {found!r}, so it was not replaced "
                 f"with {title!r} (the two titles give the same file name)")
    keep = out.with_name(f"{out.stem}-2{out.suffix}")
    raise _error(
        f"{there}. Nothing was written. To keep both, give this one a name of its own with "
        f"-o, such as -o {keep}; to replace the one there, give its name: -o {out}.",
        str(out),
    )


def is_folder(out: Path | str) -> bool:
    """-o names a folder: an existing one, or a name ending in / (the document goes in it)."""
    return str(out).endswith(("/", os.sep)) or Path(out).is_dir()


def check_output(out: Path | None, inputs: list[Path]) -> None:
    """Refuse an -o that is not a .docx name, or that is one of the input workbooks."""
    if out is None:
        return
    out = Path(out)
    for source in inputs:
        try:
            same = out.exists() and out.samefile(source)
        except OSError:
            same = False
        if same:
            raise _error(
                f"The output {out} is the workbook {Path(source).name} itself: writing the "
                "document there would replace the workbook. Give -o a different name ending "
                "in .docx. Nothing was written.", str(out))
    if out.suffix.lower() != ".docx":
        raise _error(
            f"The output {out.name} does not end in .docx, but the document is a Word "
            f"document. Give -o a name ending in .docx, such as {out.stem or 'document'}.docx. "
            "Nothing was written.", str(out))


__all__ = ["check_output", "document_title", "is_folder", "refuse_another_paper",
           "refuse_open_in_word", "word_lock"]
