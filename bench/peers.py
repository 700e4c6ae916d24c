"""The other ways a user could turn a plan workbook into the same Word document.

    python bench/peers.py NAME WORKBOOK OUT.docx [TEMPLATE.docx]

Each peer reads the Actions sheet written by bench_plan.make_workbook (priority, ref and
recommendation only on the row where they change), and writes a Heading 1 for each
priority, a Heading 2 for each recommendation and a 9-column table of its actions with
the Status cell shaded. None of them validates anything or checks what it wrote: they
are what committee plan is measured against (bench/bench_peers.py). The peers:

    floor        python-calamine read, document.xml built as one string, zipfile deflate
    calamine-lxml    python-calamine read, lxml deep copies of one prepared row
    openpyxl-lxml    openpyxl read-only read, lxml deep copies of one prepared row
    docxtpl      openpyxl read, docxtpl `{%tr for %}` row loop with `{% cellbg %}`
    python-docx  openpyxl read-only read, python-docx add_heading / add_table / add_row
"""

from __future__ import annotations

import copy
import datetime as dt
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
FRAME = ROOT / "templates" / "improvement-plan.docx"  # its styles, settings, fonts
COLUMNS = ("Action", "Outcome", "Source", "Measure", "Timescale", "Lead", "Target date",
           "Progress", "Status")
WIDTHS_TWIPS = (2778, 1644, 1417, 1531, 1247, 1361, 1134, 3005, 1247)
FILLS = {"Complete": "2E75B6", "On track": "00B050", "At risk": "FFC000",
         "Behind schedule": "FF0000", "Not started": "D9D9D9"}
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Action = tuple[str, ...]  # the nine cell texts, Status last
Groups = list[tuple[str, list[tuple[str, list[Action]]]]]


def _text(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def group(rows: Iterable[Iterable[object]]) -> Groups:
    """Priorities -> recommendations -> actions, filling the blank priority/ref cells down."""
    groups: Groups = []
    it = iter(rows)
    next(it)  # the header row
    for row in it:
        cells = [_text(v) for v in row]
        if not any(cells):
            continue
        priority, ref, rec = cells[0], cells[1], cells[2]
        if priority or not groups:
            groups.append((priority, []))
        recs = groups[-1][1]
        if ref or not recs:
            recs.append((f"{ref}: {rec}", []))
        recs[-1][1].append(tuple(cells[3:12]))
    return groups


def read_calamine(book: Path) -> Groups:
    from python_calamine import CalamineWorkbook

    return group(CalamineWorkbook.from_path(str(book)).get_sheet_by_name("Actions").to_python())


def read_openpyxl(book: Path, read_only: bool = True) -> Groups:
    import openpyxl

    wb = openpyxl.load_workbook(book, read_only=read_only, data_only=True)
    return group(wb["Actions"].iter_rows(values_only=True))


# ---- the floor: one string ---------------------------------------------------------------

def _para(text: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _cell(text: str, width: int, fill: str | None = None) -> str:
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>'
            f"{_para(text)}</w:tc>")


def _table_start() -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in WIDTHS_TWIPS)
    header = "".join(_cell(c, w) for c, w in zip(COLUMNS, WIDTHS_TWIPS, strict=True))
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>'
    )


def _body_strings(groups: Groups) -> Iterator[str]:
    for priority, recs in groups:
        yield _para(priority, "Heading1")
        for title, actions in recs:
            yield _para(title, "Heading2")
            yield _table_start()
            for action in actions:
                yield '<w:tr><w:trPr><w:cantSplit/></w:trPr>'
                for text, width in zip(action[:-1], WIDTHS_TWIPS, strict=False):
                    yield _cell(text, width)
                yield _cell(action[-1], WIDTHS_TWIPS[-1], FILLS.get(action[-1]))
                yield "</w:tr>"
            yield "</w:tbl>"


SECT = ('<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
        '<w:pgMar w:top="720" w:right="720" w:bottom="720" w:left="720" w:header="709" '
        'w:footer="709" w:gutter="0"/></w:sectPr>')


def write_package(out: Path, document_xml: bytes) -> None:
    """The frame template's parts with our document.xml, deflated."""
    with zipfile.ZipFile(FRAME) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = document_xml if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info.filename, data)


def floor(book: Path, out: Path) -> int:
    groups = read_calamine(book)
    body = "".join(_body_strings(groups))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           f'<w:document xmlns:w="{W}"><w:body>{body}{SECT}</w:body></w:document>')
    write_package(out, xml.encode("utf-8"))
    return sum(len(a) for _, recs in groups for _, a in recs)


# ---- lxml row cloning ------------------------------------------------------------------

def _lxml_document(groups: Groups) -> bytes:
    from lxml import etree

    def el(tag: str, **attrs: str) -> etree._Element:
        e = etree.Element(f"{{{W}}}{tag}", nsmap={"w": W})
        for k, v in attrs.items():
            e.set(f"{{{W}}}{k}", v)
        return e

    def fragment(xml: str) -> etree._Element:
        return etree.fromstring(f'<w:root xmlns:w="{W}">{xml}</w:root>')[0]

    heading = {s: fragment(_para("x", s)) for s in ("Heading1", "Heading2")}
    table_proto = fragment(_table_start() + "</w:tbl>")
    row_proto = fragment(
        '<w:tbl><w:tr><w:trPr><w:cantSplit/></w:trPr>'
        + "".join(_cell("x", w) for w in WIDTHS_TWIPS[:-1])
        + _cell("x", WIDTHS_TWIPS[-1], "FFFFFF") + "</w:tr></w:tbl>")[0]
    t_tag, shd_tag, fill_attr = f"{{{W}}}t", f"{{{W}}}shd", f"{{{W}}}fill"
    doc = el("document")
    body = etree.SubElement(doc, f"{{{W}}}body")

    def add_heading(text: str, style: str) -> None:
        p = copy.deepcopy(heading[style])
        next(p.iter(t_tag)).text = text
        body.append(p)

    for priority, recs in groups:
        add_heading(priority, "Heading1")
        for title, actions in recs:
            add_heading(title, "Heading2")
            table = copy.deepcopy(table_proto)
            for action in actions:
                row = copy.deepcopy(row_proto)
                for t, text in zip(row.iter(t_tag), action, strict=True):
                    t.text = text
                next(row.iter(shd_tag)).set(fill_attr, FILLS.get(action[-1], "FFFFFF"))
                table.append(row)
            body.append(table)
    body.append(fragment(SECT))
    return etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)


def calamine_lxml(book: Path, out: Path) -> int:
    groups = read_calamine(book)
    write_package(out, _lxml_document(groups))
    return sum(len(a) for _, recs in groups for _, a in recs)


def openpyxl_lxml(book: Path, out: Path) -> int:
    groups = read_openpyxl(book)
    write_package(out, _lxml_document(groups))
    return sum(len(a) for _, recs in groups for _, a in recs)


# ---- docxtpl ---------------------------------------------------------------------------

def make_docxtpl_template(path: Path) -> None:
    """A docxtpl template: nested {%p for %} loops around a table with a {%tr for %} row."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("{%p for p in priorities %}")
    doc.add_paragraph("{{ p.title }}", style="Heading 1")
    doc.add_paragraph("{%p for r in p.recs %}")
    doc.add_paragraph("{{ r.title }}", style="Heading 2")
    table = doc.add_table(rows=4, cols=len(COLUMNS))
    table.style = "Table Grid"
    for i, name in enumerate(COLUMNS):
        table.rows[0].cells[i].text = name
        table.rows[2].cells[i].text = f"{{{{ a[{i}] }}}}"
    table.rows[1].cells[0].text = "{%tr for a in r.actions %}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    table.rows[2].cells[-1].text = "{% cellbg a.fill %}{{ a[8] }}"
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    doc.save(path)


class _Row(tuple):
    fill = ""


def docxtpl_peer(book: Path, out: Path, template: Path) -> int:
    from docxtpl import DocxTemplate

    groups = read_openpyxl(book)
    priorities = []
    for priority, recs in groups:
        rec_list = []
        for title, actions in recs:
            rows = []
            for action in actions:
                row = _Row(action)
                row.fill = FILLS.get(action[-1], "FFFFFF")
                rows.append(row)
            rec_list.append({"title": title, "actions": rows})
        priorities.append({"title": priority, "recs": rec_list})
    tpl = DocxTemplate(str(template))
    tpl.render({"priorities": priorities}, autoescape=True)
    tpl.save(str(out))
    return sum(len(a) for _, recs in groups for _, a in recs)


# ---- python-docx add_row ---------------------------------------------------------------

def python_docx_peer(book: Path, out: Path) -> int:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    groups = read_openpyxl(book)
    doc = Document()
    for priority, recs in groups:
        doc.add_heading(priority, level=1)
        for title, actions in recs:
            doc.add_heading(title, level=2)
            table = doc.add_table(rows=1, cols=len(COLUMNS))
            table.style = "Table Grid"
            for cell, name in zip(table.rows[0].cells, COLUMNS, strict=True):
                cell.text = name
            for action in actions:
                cells = table.add_row().cells
                for cell, text in zip(cells, action, strict=True):
                    cell.text = text
                shd = OxmlElement("w:shd")
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:fill"), FILLS.get(action[-1], "FFFFFF"))
                cells[-1]._tc.get_or_add_tcPr().append(shd)
    doc.save(str(out))
    return sum(len(a) for _, recs in groups for _, a in recs)


PEERS = {"floor": floor, "calamine-lxml": calamine_lxml, "openpyxl-lxml": openpyxl_lxml,
         "docxtpl": docxtpl_peer, "python-docx": python_docx_peer}


def main(argv: list[str]) -> int:
    name, book, out = argv[0], Path(argv[1]), Path(argv[2])
    args = [Path(a) for a in argv[3:]]
    actions = PEERS[name](book, out, *args)
    print(actions)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
