"""What a Word package may not hold: anything that reaches outside it, or runs.

`package_issues` looks through a .docx (a template, or a document we made) for:

- relationships to anything outside the file (`TargetMode="External"`): linked pictures,
  a remote attached template, linked OLE objects, frames, sub-documents. Word fetches
  them when the file is opened, and LibreOffice when it makes a PDF; a `file://` target
  copies a local file into the PDF. The one exception is a web or e-mail hyperlink
  (http, https, mailto), which nothing fetches until a reader clicks it;
- fields that fetch or run things: INCLUDEPICTURE, INCLUDETEXT, INCLUDE, LINK, DDE,
  DDEAUTO, IMPORT, DATABASE, MACROBUTTON (both the simple and the complex field forms);
- macros and controls: word/vbaProject.bin, macro-enabled content types (a .docm renamed
  .docx), ActiveX controls, embedded OLE objects;
- altChunk parts (HTML, RTF or another document pasted in whole, which Word imports as
  it opens the file);
- any part declaring a DTD (<!DOCTYPE ...>), which Word never writes.

Every issue says where: the part, the relationship id and its target, or the field's code.
Nothing here prints.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from pipeline.issues import Issue
from pipeline.render.wordxml import CT_NS, MAX_PART, PKG_REL_NS, R_NS, has_doctype, parse, w

WEB_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
REFUSED_FIELDS = (
    "INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "LINK", "DDE", "DDEAUTO", "IMPORT",
    "DATABASE", "MACROBUTTON",
)
_FIELD_PART = re.compile(
    r"^word/(glossary/)?(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$",
    re.IGNORECASE,
)
_MACRO_PART = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$|^word/activeX/", re.IGNORECASE)
_MACRO_TYPE = re.compile(r"macroEnabled|vbaProject|vbaData|activeX", re.IGNORECASE)
_REFUSED_TYPES = {  # relationship types refused even inside the package
    "aFChunk": "an altChunk part (content pasted in whole, imported by Word as it opens)",
    "vbaProject": "a macro project",
    "oleObject": "an embedded OLE object",
    "package": "an embedded package (a file inside the document that can be run)",
    "control": "an ActiveX control",
}
_FIELD_WORD = re.compile(r"^\s*([A-Za-z]+)")


def _short(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class _Scan:
    def __init__(self, archive: zipfile.ZipFile, file: str, role: str, deep: bool = True
                 ) -> None:
        self.deep = deep  # False: relationships, content types and part names only
        self.archive = archive
        self.file = file
        self.name = Path(file).name
        self.role = role  # "Word template" or "document"
        self.issues: list[Issue] = []

    def refuse(self, where: str, what: str, fix: str, value: str | None = None) -> None:
        message = f"The {self.role} {self.name} {what} ({where}). {fix}"
        self.issues.append(Issue("security-error", "error", message, file=self.file,
                                 value=value, where=where))

    def read(self, name: str) -> bytes | None:
        info = self.archive.getinfo(name)
        if info.file_size > MAX_PART:
            return None
        return self.archive.read(info)

    def root(self, name: str, data: bytes) -> Any | None:
        from lxml import etree

        try:
            return parse(data)
        except (etree.XMLSyntaxError, ValueError):
            return None  # damaged parts are reported by whoever reads them for their content

    def run(self) -> list[Issue]:
        names = self.archive.namelist()
        for name in names:
            if _MACRO_PART.search(name):
                self.refuse(f"part {name}", "holds macros or ActiveX controls",
                            "Templates and documents must not hold code: open it in Word, "
                            "save it as 'Word Document (*.docx)' (not macro-enabled) and use "
                            "that copy.", name)
        for name in names:
            if not name.lower().endswith((".xml", ".rels")) or (
                not self.deep and not name.lower().endswith(".rels")
                and name != "[Content_Types].xml"
            ):
                continue
            data = self.read(name)
            if data is None:
                continue
            if has_doctype(data):
                self.refuse(f"part {name}", "declares a DTD (<!DOCTYPE ...>), which Word "
                            "never writes and which can make a reader fetch or expand "
                            "content", "Open it in Word and save it again as a new .docx.", name)
                continue
            if name == "[Content_Types].xml":
                self.content_types(data)
            elif name.lower().endswith(".rels"):
                self.relationships(name, data)
            elif _FIELD_PART.match(name):
                self.fields(name, data)
        return self.issues

    def content_types(self, data: bytes) -> None:
        root = self.root("[Content_Types].xml", data)
        if root is None:
            return
        for el in root.iter(f"{{{CT_NS}}}Override", f"{{{CT_NS}}}Default"):
            ctype = el.get("ContentType") or ""
            if _MACRO_TYPE.search(ctype):
                part = el.get("PartName") or f"files ending .{el.get('Extension')}"
                self.refuse(f"[Content_Types].xml, {part}", f"is macro-enabled (content type "
                            f"{ctype})", "It is a .docm (or .dotm) renamed .docx. Open it in "
                            "Word and save it as 'Word Document (*.docx)'.", ctype)

    def relationships(self, name: str, data: bytes) -> None:
        root = self.root(name, data)
        if root is None:
            return
        for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
            rid = rel.get("Id") or "?"
            target = rel.get("Target") or ""
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            where = f"{name}, relationship {rid}, target {_short(target)}"
            if kind in _REFUSED_TYPES:
                self.refuse(where, f"holds {_REFUSED_TYPES[kind]}",
                            "Remove it in Word (or paste its content in as ordinary text "
                            "and pictures) and save again.", target)
                continue
            if (rel.get("TargetMode") or "").lower() != "external":
                continue
            if kind == "hyperlink" and WEB_LINK.match(target.strip()):
                continue  # a web or e-mail link: fetched only if a reader clicks it
            self.refuse(where, f"links to {_external_what(kind)} outside the file",
                        _external_fix(kind), target)

    def fields(self, name: str, data: bytes) -> None:
        if b"instrText" not in data and b"fldSimple" not in data and b"altChunk" not in data:
            return
        root = self.root(name, data)
        if root is None:
            return
        for number, code in _field_codes(root):
            word = _FIELD_WORD.match(code)
            if word and word.group(1).upper() in REFUSED_FIELDS:
                self.refuse(f"{name}, paragraph {number}, field {_short(code)}",
                            f"has the field {word.group(1).upper()}, which fetches or runs "
                            "something outside the file",
                            "Delete the field (Alt+F9 shows field codes in Word); insert "
                            "pictures and text into the template itself.", code)
        for number, chunk in _alt_chunks(root):
            self.refuse(f"{name}, paragraph {number}, altChunk {chunk}",
                        "has an altChunk (content pasted in whole from another file)",
                        "Paste that content in as ordinary text and save again.", chunk)


def _external_what(kind: str) -> str:
    return {
        "image": "a picture",
        "attachedTemplate": "an attached template",
        "hyperlink": "a hyperlink that is not a web or e-mail address",
        "oleObject": "a linked object",
        "subDocument": "a sub-document",
        "frame": "a frame",
    }.get(kind, f"a {kind or 'resource'}")


def _external_fix(kind: str) -> str:
    if kind == "image":
        return ("Word and LibreOffice fetch it whenever the file is opened or made into a "
                "PDF. Insert the picture into the template itself (Insert > Pictures > This "
                "Device, without 'Link to File') and save again.")
    if kind == "attachedTemplate":
        return ("In Word: Developer > Document Template, clear the attached template (or "
                "attach Normal), and save again.")
    if kind == "hyperlink":
        return "Use a web (https://) or e-mail (mailto:) address, or remove the link."
    return "Remove it in Word, or copy its content into the file itself, and save again."


def _paragraph_numbers(root: Any) -> dict[Any, int]:
    return {p: n for n, p in enumerate(root.iter(w("p")), start=1)}


def _field_codes(root: Any) -> list[tuple[int, str]]:
    """(paragraph number, field code) of every simple and complex field, in order."""
    numbers = _paragraph_numbers(root)
    found: list[tuple[int, str]] = []
    stack: list[tuple[int, list[str]]] = []
    fld_simple, fld_char, instr = w("fldSimple"), w("fldChar"), w("instrText")
    for el in root.iter(fld_simple, fld_char, instr):
        number = next((numbers[a] for a in el.iterancestors(w("p"))), 0)
        if el.tag == fld_simple:
            found.append((number, el.get(w("instr")) or ""))
        elif el.tag == instr:
            if stack:
                stack[-1][1].append(el.text or "")
            else:  # instrText outside begin/end: still a field Word runs
                found.append((number, el.text or ""))
        else:
            kind = el.get(w("fldCharType"))
            if kind == "begin":
                stack.append((number, []))
            elif kind == "end" and stack:
                start, texts = stack.pop()
                found.append((start, "".join(texts)))
    found.extend((n, "".join(t)) for n, t in stack)  # a field never ended
    return found


def _alt_chunks(root: Any) -> list[tuple[int, str]]:
    numbers = _paragraph_numbers(root)
    chunks: list[tuple[int, str]] = []
    for el in root.iter(w("altChunk")):
        previous = next((numbers[p] for p in el.itersiblings(w("p"), preceding=True)), 0)
        chunks.append((previous + 1, el.get(f"{{{R_NS}}}id") or "?"))
    return chunks


def package_issues(source: Path | zipfile.ZipFile, role: str = "Word template",
                   file: str | None = None) -> list[Issue]:
    """Everything external, executable or DTD-bearing in a .docx (empty: none).

    `source` is a path or an open ZipFile; `role` names the file in messages ("Word
    template", "document"). A file that is not a zip gives no issues here: the readers
    report it.
    """
    if isinstance(source, zipfile.ZipFile):
        return _Scan(source, file or source.filename or "", role).run()
    try:
        with zipfile.ZipFile(source) as archive:
            return _Scan(archive, file or str(source), role).run()
    except (OSError, zipfile.BadZipFile):
        return []


def bytes_issues(data: bytes, file: str, role: str = "document") -> list[Issue]:
    """The relationships, content types and part names of a package held in memory (a
    document before it is written, made from a template already checked in full): cheap
    however long the document is."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _Scan(archive, file, role, deep=False).run()
    except zipfile.BadZipFile:
        return []


__all__ = ["REFUSED_FIELDS", "WEB_LINK", "bytes_issues", "package_issues"]
