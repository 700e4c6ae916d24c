"""The document model: what a generated Word document says, before any XML.

Document builders (`pipeline.documents.plan`, `.performance`, `.briefing`,
`.response`) turn domain objects into a `DocumentModel`; the renderer
(`pipeline.render`) turns a `DocumentModel` into a .docx inside the styles of
a council-editable template. Nothing here knows about python-docx.

Text in every block is the exact text to print: line breaks ("\\n") become
Word line breaks; `&`, `<`, quotes and so on are printed as they are.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

_new = tuple.__new__


class Run(NamedTuple):
    """A stretch of text in one format. A tuple: a table has one per cell, so it is kept
    small, and the garbage collector leaves tuples of plain values alone."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Heading:
    text: str
    level: int = 1  # 1 -> "Heading 1", 2 -> "Heading 2" ...


@dataclass
class Paragraph:
    runs: list[Run]
    style: str | None = None  # a paragraph style of the template, e.g. "List Bullet"
    keep_with_next: bool = False  # printed on the same page as the block after it
    # Room above the paragraph in points, in place of its style's (w:spacing w:before): a
    # line printed straight under a table is set off from the table's bottom border.
    space_before_pt: float = 0.0

    @classmethod
    def of(
        cls, text: str, style: str | None = None, bold: bool = False,
        keep_with_next: bool = False, space_before_pt: float = 0.0,
    ) -> Paragraph:
        return cls([Run(text, bold=bold)], style, keep_with_next, space_before_pt)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


class Cell(NamedTuple):
    """One table cell. A tuple, like Run: a 10,000-action plan has 90,000 of them."""

    runs: Sequence[Run]
    fill: str | None = None  # hex without '#': the cell is shaded
    text_colour: str | None = None  # hex without '#'

    @classmethod
    def of(
        cls,
        text: str,
        fill: str | None = None,
        text_colour: str | None = None,
        bold: bool = False,
    ) -> Cell:
        # tuple.__new__ directly: a NamedTuple's own __new__ is a Python function, and a
        # 10,000-action plan makes some 120,000 cells
        return _new(cls, ((_new(Run, (text, bold, False)),), fill, text_colour))

    @property
    def text(self) -> str:
        runs = self.runs
        return runs[0].text if len(runs) == 1 else "".join(r.text for r in runs)


@dataclass(frozen=True)
class Column:
    header: str
    width_cm: float


@dataclass
class Table:
    """A data table: one header row (marked to repeat), then data rows.

    No merged cells, ever. The renderer fits the column widths to the text within the
    columns' total width (`Column.width_cm` says the share a column would have without
    text), keeps rows from splitting across pages where they surely fit, and keeps a
    small table on one page.
    """

    columns: list[Column]
    rows: list[list[Cell]]
    caption: str = ""  # used as the table's title (w:tblCaption) for screen readers
    keep_with_next: bool = False  # its last row printed on the page of the block after it
    # A table a template may lay out with a table design (pipeline.documents.table_fields):
    # the design's name ("action"), the fields it may print, and per data row the value
    # of each field (a status's Cell carries its fill). `columns` and `rows` are the
    # shipped layout, used when the template holds no design of that name.
    design: str = ""
    fields: tuple[str, ...] = ()
    values: list[tuple[Cell, ...]] = field(default_factory=list)
    # Rows (by index) that continue the row above: a row too tall for a page is written as
    # several by the renderer (pipeline.render.row_split); counted as one when read back.
    continued: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table row has {len(row)} cells, the table has {len(self.columns)} columns"
                )
        if self.design and len(self.values) != len(self.rows):
            raise ValueError(
                f"a designed table has {len(self.values)} rows of values for "
                f"{len(self.rows)} rows"
            )


@dataclass
class Image:
    png: bytes
    alt_text: str
    width_cm: float
    title: str = ""


@dataclass
class PageBreak:
    pass


@dataclass
class SectionBreak:
    """A new section starts here, on a new page, in its own orientation (the blocks before
    it keep the orientation they had). The document's first section has `landscape` of the
    DocumentModel; header, footer and page numbering run on through every section.
    `page_of` names the kind of document whose template's margins the section's pages take
    (a report's appendix is set as the stand-alone document is); the renderer fills in
    `margins` from that template (pipeline.render.section_pages)."""

    landscape: bool = False
    page_of: str = ""
    margins: tuple[tuple[str, int], ...] = ()  # w:pgMar attributes, in twentieths of a point


Block = Heading | Paragraph | Table | Image | PageBreak | SectionBreak

# Room between a table and a line of text printed straight under it, as the chart has
# (pipeline.render.blocks.image_xml: 8 pt before).
SPACE_UNDER_TABLE_PT = 8.0


def set_off_from_tables(blocks: Sequence[Block], points: float = SPACE_UNDER_TABLE_PT) -> None:
    """Give each paragraph that directly follows a table `points` of room above it, so that
    it is not printed hard against the table's bottom border (a heading has its style's
    room; a paragraph given room of its own keeps it)."""
    for before, block in itertools.pairwise(blocks):
        if isinstance(before, Table) and isinstance(block, Paragraph) \
                and not block.space_before_pt:
            block.space_before_pt = points

# A kind's name in the registry of kinds (pipeline.kinds.KIND_NAMES): the template the
# renderer finds for the document is that kind's.
Kind = str


@dataclass
class DocumentModel:
    """A whole document: the template frame's context and the body blocks."""

    kind: Kind
    title: str  # core property Title, and the title printed in the frame
    subject: str = ""
    author: str = ""  # core property Author: the organisation
    landscape: bool = False
    protective_marking: str = ""  # printed centred in capitals in header and footer
    context: dict[str, Any] = field(default_factory=dict)  # the template frame's variables
    blocks: list[Block] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # what the document holds
    # Filled in by the renderer: the header row (cell texts) each table design of the
    # template gave its tables, by design name, so that the written tables can be found
    # when they are read back and counted.
    written_headers: dict[str, tuple[str, ...]] = field(default_factory=dict)
