"""Render a DocumentModel into a .docx inside a council-editable Word template.

The template's frame (title, header, footer, ...) is rendered by docxtpl in a sandboxed
Jinja environment with autoescaping on, so that `&`, `<` and quotes in values come out
as typed. The paragraph whose whole text is `{{ body }}` is then replaced by the
generated blocks, built directly with lxml (see `pipeline.render.blocks`).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pipeline.atomic import FolderNotWritable
from pipeline.atomic import write_atomically as write_file
from pipeline.documents.docmodel import DocumentModel
from pipeline.documents.formatting import format_date
from pipeline.issues import PipelineError
from pipeline.render.precheck import refuse_broken_template
from pipeline.render.section_pages import with_section_pages
from pipeline.render.template_errors import explain, from_template, template_error
from pipeline.render.templates import template_path

if TYPE_CHECKING:
    from pipeline.render.designs import DesignPart

LANGUAGE = "en-GB"
CORE_PROPERTY_LIMIT = 255  # characters in a title, subject or author property
# Fill a plain template in without docxtpl and python-docx (pipeline.render.frame); the
# tests turn it off to compare the two ways.
FAST_FRAME = True


def _error(message: str, template: Path, code: str = "template-error") -> PipelineError:
    return template_error(message, template, code)


def render_context(model: DocumentModel, body_token: str, today: dt.date | None = None) -> dict:
    """What the template frame may use: the model's context plus the standard names."""
    context: dict[str, Any] = {"organisation": "", "as_at": "", "subject": model.subject}
    context.update(model.context)
    context.update(
        {
            "title": model.title,
            "protective_marking": model.protective_marking.strip().upper(),
            "generated_on": format_date(today or dt.date.today()),
            "body": body_token,
        }
    )
    return context


def _set_language(doc: Any) -> None:
    """en-GB in the styles' document defaults and in the settings' theme font language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)

    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)


def _orient(doc: Any, landscape: bool) -> int | None:
    """Make the last section match the model's orientation; return the text width in dxa."""
    from docx.enum.section import WD_ORIENT

    section = doc.sections[-1]
    width, height = section.page_width, section.page_height
    if width is not None and height is not None and (width > height) != landscape:
        section.page_width, section.page_height = height, width
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    try:
        text_width = section.page_width - section.left_margin - section.right_margin
    except TypeError:
        return None
    return int(text_width / 635) if text_width > 0 else None  # EMU -> dxa


def _replace_body(doc: Any, token: str, elements: list[Any], template: Path) -> None:
    from docx.oxml.ns import qn

    body = doc.element.body
    w_t = qn("w:t")
    for p in body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(w_t))
        if token not in text:
            continue
        if text.strip() != token:
            raise _error(
                f"In the Word template {template.name}, {{{{ body }}}} must be alone in its "
                "paragraph: move the other text to a paragraph of its own.",
                template,
            )
        parent = p.getparent()
        index = parent.index(p)
        parent[index:index + 1] = elements  # one splice: linear, however many blocks
        if any(token in (t.text or "") for t in body.iter(w_t)):
            raise _error(
                f"The Word template {template.name} has {{{{ body }}}} more than once; the "
                "document's content can only go in one place. Keep only one paragraph holding "
                "{{ body }}.",
                template,
            )
        return
    raise _error(
        f"The Word template {template.name} has no paragraph holding {{{{ body }}}}, so there "
        "is nowhere to put the document's content. Add a paragraph whose only text is "
        "{{ body }}.",
        template,
    )


def property_text(text: str) -> str:
    """Text for a core property, which holds at most 255 characters: a longer value is cut
    at a word and ends in '…' (the document itself prints the whole text)."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    cut = text[: CORE_PROPERTY_LIMIT - 1]
    return (cut.rsplit(None, 1)[0] if " " in cut.strip() else cut).rstrip() + "…"


def _core_values(model: DocumentModel) -> list[tuple[str, Any]]:
    """The core properties every document gets, by python-docx's names, in order."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    return [
        ("title", property_text(model.title)),
        ("subject", property_text(model.subject)),
        ("author", property_text(model.author)),
        ("last_modified_by", property_text(model.author or "committee-pipeline")),
        ("language", LANGUAGE),
        # Word's File > Info "Categories": where a records system (and `committee pack`)
        # finds the protective marking without reading the header.
        ("category", property_text(model.protective_marking.strip().upper())),
        ("created", now),
        ("modified", now),
        ("revision", 1),
    ]


def _core_properties(doc: Any, model: DocumentModel) -> None:
    props = doc.core_properties
    for name, value in _core_values(model):
        setattr(props, name, value)


def _take_designs(body: Any, model: DocumentModel, path: Path) -> DesignPart:
    """The table designs after {{ body }}, taken out before the frame is filled in: they
    never print, and their fields are the tables' (pipeline.render.designs). A design with
    a problem stops the document, with every problem located."""
    from pipeline.render.design_lint import take_checked_designs

    designs, problems = take_checked_designs(body, model.kind, path)
    if problems:
        more = f" ({len(problems) - 1} more like it)" if len(problems) > 1 else ""
        raise PipelineError(
            f"{problems[0].message}{more} Nothing was made from {path.name}: check it "
            f"with `committee templates check {path.name}`.", problems)
    return designs


def _body_text(model: DocumentModel, styles: Any, doc: Any, available: int | None,
               designs: DesignPart) -> list[bytes]:
    """The body's XML, block by block in UTF-8 (never the whole body as one str beside its
    copy), for the frame and for docxtpl alike; the model learns the header rows its
    designed tables were written with (DocumentModel.written_headers)."""
    from pipeline.render.sections import has_sections, sections_text
    from pipeline.render.textblocks import blocks_text

    if has_sections(model.blocks):
        texts = sections_text(model.blocks, styles, doc, model.landscape, designs)
    else:
        texts = blocks_text(model.blocks, styles, doc, available, designs)
    body = [text.encode("utf-8") for text in texts]
    model.written_headers = {**model.written_headers, **designs.used}
    return body


def _render_in_frame(
    model: DocumentModel, path: Path, context: dict[str, Any], token: str
) -> bytes | None:
    """The document made without docxtpl and python-docx (pipeline.render.frame: the same
    parts, about 0.1 s sooner), or None when the template needs them (more of docxtpl's
    syntax than plain fields) or the pictures are not PNGs framemedia can put in."""
    from pipeline.documents.docmodel import Image
    from pipeline.render.blocks import StyleMap
    from pipeline.render.frame import fill_frame

    taken: list[DesignPart] = []
    frame = fill_frame(path, context, token,
                       lambda body: taken.append(_take_designs(body, model, path)))
    if frame is None or not frame.takes_pictures(
            [b.png for b in model.blocks if isinstance(b, Image)]):
        return None
    available = frame.orient(model.landscape)
    styles = StyleMap.from_styles_element(frame.styles)
    designs = taken[0]
    body = _body_text(model, styles, frame, available, designs)
    frame.set_language(LANGUAGE)
    frame.set_core(_core_values(model))
    return frame.save(body, token)


def render_bytes(
    model: DocumentModel, template: Path | None = None, templates_dir: Path | None = None
) -> bytes:
    """The finished .docx for `model` as bytes (template: explicit file, or the kind's)."""
    path = template_path(model.kind, template, templates_dir)
    _refuse_unsafe(path)
    model.blocks = with_section_pages(model.blocks, templates_dir)  # appendices' margins
    data = _render(model, path)
    # Filled in without a fault, a template `templates check` rejects is still never used:
    # a field it calls broken may have been read as text, losing what followed it
    # (pipeline.render.precheck; a fault filling it in says so itself, above)
    refuse_broken_template(path, model.kind)
    return data


def _render(model: DocumentModel, path: Path) -> bytes:
    token = f"BODY-{uuid.uuid4().hex}"
    context = render_context(model, token)
    if FAST_FRAME:
        data = _render_in_frame(model, path, context, token)
        if data is not None:
            return _checked(data, path)
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate
    from lxml import etree
    from lxml.etree import XMLSyntaxError

    from pipeline.render.blocks import W_NS, StyleMap, blocks_xml
    from pipeline.render.sandbox import budget, template_env
    from pipeline.render.sections import has_sections, sections_xml

    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
        if getattr(tpl.docx.element, "body", None) is None:
            raise KeyError("word/document.xml holds no Word document body")
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, XMLSyntaxError,
            ValueError) as exc:
        raise _error(
            f"The Word template {path.name} could not be opened as a Word document ({exc}). "
            "Open it in Word and save it again as 'Word Document (*.docx)'.",
            path,
        ) from exc
    designs = _take_designs(tpl.docx.element.body, model, path)
    try:
        with budget():
            tpl.render(context, jinja_env=template_env(), autoescape=True)
    except Exception as exc:  # noqa: BLE001 - whatever a template does, say so, located
        if from_template(exc):
            raise explain(exc, path, context, model.kind) from exc
        raise _error(
            f"The Word template {path.name} could not be filled in: part of it is damaged "
            f"({type(exc).__name__}). Open it in Word and save it again as 'Word Document "
            "(*.docx)'.",
            path,
        ) from exc
    doc = tpl.docx
    available = _orient(doc, model.landscape)
    styles = StyleMap.from_styles_element(doc.styles.element)
    buffer = io.BytesIO()
    if doc.element.nsmap.get("w") != W_NS:  # a template not saved by Word: build a tree
        if has_sections(model.blocks):  # a cover and appendices: pipeline.render.sections
            elements = list(sections_xml(model.blocks, styles, doc, model.landscape, designs))
        else:
            elements = list(blocks_xml(model.blocks, styles, doc, available, designs))
        model.written_headers = {**model.written_headers, **designs.used}
        _replace_body(doc, token, elements, path)
        _set_language(doc)
        _core_properties(doc, model)
        tpl.save(buffer)
        return _checked(buffer.getvalue(), path)
    # The body is written as text and spliced into document.xml as it is saved: the same
    # XML as the element builders give, without a tree of every table cell in memory.
    marker = etree.ProcessingInstruction("committee-body", token)
    _replace_body(doc, token, [marker], path)
    # encoded block by block: never the whole body as one str (two bytes a character as soon
    # as one en dash is in it) beside its UTF-8 copy
    body = _body_text(model, styles, doc, available, designs)
    _set_language(doc)
    _core_properties(doc, model)
    xml = etree.tostring(doc.element, encoding="UTF-8", standalone=True)
    head, found, tail = xml.partition(f"<?committee-body {token}?>".encode())
    if not found:  # pragma: no cover - the marker was put in place above
        raise _error(f"The Word template {path.name} lost its body paragraph.", path)
    document_xml = b"".join((head, *body, tail))
    del body, head, tail
    _save_with_document_xml(tpl, document_xml, buffer)
    del document_xml
    return _checked(buffer.getvalue(), path)


def _refuse_unsafe(path: Path) -> None:
    """Refuse a template holding anything external, executable or DTD-bearing (located)."""
    issues = _template_issues(path)
    if issues:
        more = f" ({len(issues) - 1} more like it)" if len(issues) > 1 else ""
        raise PipelineError(f"{issues[0].message}{more} Nothing was made from it.", issues)


def _template_issues(path: Path) -> list[Any]:
    """The template's safety issues, looked up once per version of the file (a batch
    renders many documents from one template)."""
    try:
        stat = path.stat()
    except OSError:
        return []
    return _scan_template(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _scan_template(path: str, mtime_ns: int, size: int) -> list[Any]:
    from pipeline.render.safety import package_issues

    return package_issues(Path(path))


def _checked(data: bytes, template: Path) -> bytes:
    """The finished package, refused if anything external reached it after all."""
    from pipeline.render.safety import bytes_issues

    issues = bytes_issues(data, str(template), "document made from the template")
    if issues:
        raise PipelineError(f"{issues[0].message} Nothing was written.", issues)
    return data


def _save_with_document_xml(tpl: Any, xml: bytes, stream: IO[bytes]) -> None:
    """Save the package with `xml` as word/document.xml (python-docx writes every part from
    its `blob`; the main part's is swapped for these bytes during the save)."""
    part = tpl.docx.part
    original = type(part)
    # The class is in reference cycles (as every class is), and the garbage collector may be
    # paused (pipeline.gctune): it holds the bytes through a list emptied after the save.
    held = [xml]
    spliced = type("SplicedDocumentPart", (original,), {"blob": property(lambda self: held[0])})
    part.__class__ = spliced
    try:
        tpl.save(stream)
    finally:
        part.__class__ = original
        held.clear()


def write_atomically(
    data: bytes, out: Path, check: Callable[[Path], None] | None = None
) -> Path:
    """Write via a temporary file in the same folder, then os.replace: never half a file
    (pipeline.atomic, the one way the pipeline saves a file; errors said for a document).

    `check`, when given, is called with the temporary file before it replaces `out`; if it
    raises, the temporary file is removed and `out` is left as it was.
    """
    out = Path(out)
    if out.exists() and not out.is_file():
        raise _error(
            f"Could not save {out}: it is not an ordinary file (a folder or a device), so it "
            "cannot be replaced by the document. Give the name of a new or ordinary .docx file.",
            out,
            code="write-error",
        )
    try:
        write_file(out, data, check=check)
    except FolderNotWritable as exc:
        raise _error(
            f"Could not write to the folder {out.parent} ({exc.strerror}). "
            "Check the folder exists and you may save files there.",
            out,
            code="write-error",
        ) from exc
    except OSError as exc:
        raise _error(
            f"Could not save {out} ({exc.strerror}). If the document is open in Word, "
            "close it and run the command again.",
            out,
            code="write-error",
        ) from exc
    return out


def render_document(
    model: DocumentModel,
    out: Path,
    template: Path | None = None,
    templates_dir: Path | None = None,
) -> Path:
    """Render `model` and write it to `out` atomically; returns `out` (unchecked: the bytes
    the frame held for a read-back are let go)."""
    from pipeline.render.written import forget

    data = render_bytes(model, template, templates_dir)
    forget()
    return write_atomically(data, out)
