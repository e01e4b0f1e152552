"""The GB/T 9704-2012 print engine: page geometry, the 22 × 28 grid, flowing text, forms, page numbers.

Grid (5.2.1, 5.2.3): the type area (版心) is 156 × 225 mm, its top edge 37 mm below the top of the page
(天头) and its left edge 28 mm from the left (订口). It holds 22 lines of 28 characters: character pitch
156/28 mm (≈15.79 pt, so a 16 pt ideograph is drawn with −0.21 pt tracking) and line pitch 225/22 mm
(≈28.99 pt). Line *i* of a page is the band from ``37 + i·pitch`` mm; text sits with the top of its em box
on the band's top edge (the em box is [descent, descent + 1 em] of the role's main font, the box PDF
readers report), so the first body line's characters start exactly 37 mm below the top of the page.

Placement: every character is placed by the engine. A full-width character (advance ≥ 0.9 em) takes one
grid cell; any other character (Latin letters, digits, %, half-width spaces) takes its real advance in the
font that draws it, so nothing overlaps. Runs of narrow characters (an USCC, a year, ``110%``) are kept
together as one word. A line that is not the last of its paragraph is justified: the slack (less than one
cell when Latin is present, zero for a line of 28 ideographs) is spread over the gaps between tokens, so
both edges of the type area stay straight. Line breaking follows the usual 禁则: a closing mark never
starts a line and an opening mark never ends one (the previous token is carried over instead).

Margins are not mirrored on even pages: 28 mm binding side everywhere; the 2 mm offset of a back page is
within the ±2 mm registration the standard allows for double-sided printing (6).
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from typing import Sequence

from reportlab.lib.colors import CMYKColor, black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.documents.fonts import FANG, HEI, KAI, SONG, SPACES, TITLE, FontBook, LoadedFont, missing_glyph

# -- GB/T 9704-2012 numbers -----------------------------------------------------------------------------
PAGE_WIDTH, PAGE_HEIGHT = 210 * mm, 297 * mm  # 5.1: A4
TOP_MARGIN = 37 * mm  # 5.2.1 天头
BINDING_MARGIN = 28 * mm  # 5.2.1 订口
TYPE_WIDTH, TYPE_HEIGHT = 156 * mm, 225 * mm  # 5.2.1 版心
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28  # 5.2.3
CHAR_PITCH = TYPE_WIDTH / CHARS_PER_LINE
LINE_PITCH = TYPE_HEIGHT / LINES_PER_PAGE
SIZE_2, SIZE_3, SIZE_4 = 22.0, 16.0, 14.0  # 2号 title, 3号 body, 4号 page numbers
BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE = SIZE_3, SIZE_2, SIZE_4
TRACKING = CHAR_PITCH / BODY_SIZE  # a full-width character advances this many em
PAGE_NUMBER_DROP = 7 * mm  # 7.5: the page number line is 7 mm below the type area
LETTER_MARK_TOP = 30 * mm  # 10.1: organ mark top edge 30 mm from the top of the page
LETTER_RULE_GAP = 4 * mm  # 10.1: double rule 4 mm below the mark
LETTER_RULE_LENGTH = 170 * mm  # 10.1
LETTER_BOTTOM_RULE = 20 * mm  # 10.1: second double rule 20 mm above the bottom of the page
LETTER_MARK_SIZE = 26.0  # not fixed by the standard
RED = CMYKColor(0, 0.8, 0.8, 0)  # 6: red Y80% M80%
LEFT, RIGHT = BINDING_MARGIN, BINDING_MARGIN + TYPE_WIDTH
WIDE = 0.9  # an advance of at least 0.9 em is a full-width character

NO_LINE_START = set("，。、；：？！）》」』”’〕】〉…—%．,.;:?!)]}·")
NO_LINE_END = set("（《「『“‘〔【〈([{")


@dataclass(frozen=True)
class Glyph:
    char: str
    font: LoadedFont
    size: float
    natural: float  # the font's own advance at this size
    advance: float  # what the grid gives it
    wide: bool = True  # takes one grid cell


@dataclass
class Token:
    glyphs: list[Glyph]
    space: bool = False

    @property
    def width(self) -> float:
        return sum(g.advance for g in self.glyphs)

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)


@dataclass
class TextLine:
    """A line ready to draw: glyphs with absolute x, the em-top y (from the top of the page), the size."""

    placed: list[tuple[float, Glyph]]
    top: float
    size: float
    descent: float
    color: object = black


@dataclass
class Page:
    lines: list[TextLine] = field(default_factory=list)
    rules: list[tuple[float, float, float, float, float, object]] = field(default_factory=list)
    number: int = 1


@dataclass(frozen=True)
class Cell:
    """A form cell ``width`` grid cells wide: paragraphs (text, align) and an optional right-aligned footer."""

    text: str | Sequence[tuple[str, str]]
    width: int
    align: str = "justify"
    role: str = FANG
    footer: str = ""


@dataclass(frozen=True)
class LetterHead:
    """信函格式 (10.1): organ mark and number on the first page."""

    organ: str
    number: str = ""


def _wide(char: str, natural: float, size: float) -> bool:
    """Full-width (one grid cell): East Asian Wide/Fullwidth, or Ambiguous drawn at least 0.9 em wide."""
    kind = unicodedata.east_asian_width(char)
    return kind in ("W", "F") or (kind == "A" and natural >= WIDE * size)


class Shaper:
    """Turns text into glyphs and tokens with the fonts that will draw them (refusing missing glyphs)."""

    def __init__(self, fonts: FontBook) -> None:
        self.fonts = fonts
        self.missing: dict[str, None] = {}

    def glyphs(self, text: str, role: str, size: float) -> list[Glyph]:
        out = []
        for char in text:
            font = self.fonts.font_for(role, char)
            if font is None:
                if char in SPACES:
                    font = self.fonts.primary(role)
                else:
                    self.missing[char] = None
                    continue
            natural = size if char == "\u3000" else (size / 4 if char in SPACES and not font.has(char)
                                                      else font.width(char, size))
            wide = _wide(char, natural, size)
            out.append(Glyph(char, font, size, natural, size * TRACKING if wide else natural, wide))
        return out

    def tokens(self, text: str, role: str, size: float) -> list[Token]:
        tokens: list[Token] = []
        for glyph in self.glyphs(text, role, size):
            narrow = not glyph.wide and glyph.char not in SPACES
            if glyph.char in SPACES:
                tokens.append(Token([glyph], space=True))
            elif narrow and tokens and not tokens[-1].space and not tokens[-1].glyphs[-1].wide:
                tokens[-1].glyphs.append(glyph)
            else:
                tokens.append(Token([glyph]))
        return tokens

    def raise_if_missing(self) -> None:
        if self.missing:
            raise missing_glyph(list(self.missing))


def break_lines(tokens: list[Token], width: float, first_indent: float = 0.0) -> list[list[Token]]:
    """Greedy line breaking with 禁则; words longer than a line are split between characters."""
    lines: list[list[Token]] = []
    current: list[Token] = []
    used = first_indent
    eps = 1e-6
    queue = list(tokens)
    while queue:
        token = queue.pop(0)
        if token.width > width - (used if not current else 0) + eps and len(token.glyphs) > 1 and not current:
            head, tail = _split_word(token, width - used)
            queue[:0] = [head, tail]
            continue
        if current and used + token.width > width + eps:
            carry: list[Token] = []
            # 禁则: a line never starts with closing punctuation — carry back as many tokens as it takes
            # (for "）。" both, with the character before them)
            while len(current) > 1 and (carry[0] if carry else token).text[:1] in NO_LINE_START:
                carry.insert(0, current.pop())
            while len(current) > 1 and current[-1].text[-1:] in NO_LINE_END:
                carry.insert(0, current.pop())
            while current and current[-1].space:
                current.pop()
            lines.append(current)
            current, used = carry, sum(t.width for t in carry)
            if token.space:
                continue
        current.append(token)
        used += token.width
    if current:
        lines.append(current)
    return lines


def _split_word(token: Token, room: float) -> tuple[Token, Token]:
    used, cut = 0.0, 0
    for cut, glyph in enumerate(token.glyphs):
        if used + glyph.advance > room + 1e-6:
            break
        used += glyph.advance
    cut = max(cut, 1)
    return Token(token.glyphs[:cut]), Token(token.glyphs[cut:])


def place(tokens: list[Token], x: float, width: float, *, justify: bool, align: str = "left") -> list[tuple[float, Glyph]]:
    """Absolute x for each glyph of a line: flush left/centre/right, or justified to ``width``."""
    natural = sum(t.width for t in tokens)
    extra = 0.0
    if justify and len(tokens) > 1 and natural < width:
        extra = (width - natural) / (len(tokens) - 1)
    elif align == "center":
        x += (width - natural) / 2
    elif align == "right":
        x += width - natural
    placed = []
    for token in tokens:
        for glyph in token.glyphs:
            placed.append((x, glyph))
            x += glyph.advance
        x += extra
    return placed


class Document:
    """Builds pages on the grid, element by element, then draws them with reportlab."""

    def __init__(self, fonts: FontBook, *, title: str = "", page_numbers: bool = True,
                 letter: LetterHead | None = None, corner_label: str = "", footer: str = "") -> None:
        self.fonts = fonts
        self.shaper = Shaper(fonts)
        self.meta_title = title
        self.page_numbers = page_numbers
        self.letter = letter
        self.corner_label = corner_label
        self.footer = footer
        self.pages: list[Page] = []
        self.slot = 0
        self._new_page()

    # -- cursor -----------------------------------------------------------------------------------------
    def _new_page(self) -> None:
        self.pages.append(Page(number=len(self.pages) + 1))
        self.slot = 0
        if self.letter and len(self.pages) == 1:
            self.slot = self._letterhead(self.letter)

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def page_break(self) -> None:
        if self.slot > 0 or self.page.lines:
            self._new_page()

    def blank(self, lines: int = 1) -> None:
        self.slot += lines
        if self.slot >= LINES_PER_PAGE:
            self._new_page()

    def _take(self, lines: int = 1) -> int:
        if self.slot + lines > LINES_PER_PAGE:
            self._new_page()
        slot = self.slot
        self.slot += lines
        return slot

    @staticmethod
    def slot_top(slot: int) -> float:
        """Distance of line ``slot``'s top edge from the top of the page."""
        return TOP_MARGIN + slot * LINE_PITCH

    def _emit(self, placed, slot: int, size: float, role: str, offset: float = 0.0, color=black) -> None:
        descent = self.fonts.primary(role).descent
        self.page.lines.append(TextLine(placed, self.slot_top(slot) + offset, size, descent, color))

    # -- elements ---------------------------------------------------------------------------------------
    def text_lines(self, text: str, *, role: str = FANG, size: float = BODY_SIZE, indent: int = 0,
                   align: str = "justify", x: float = LEFT, width: float = TYPE_WIDTH) -> None:
        """A paragraph flowing on the grid: ``indent`` characters on the first line, wrapped lines flush left."""
        tokens = self.shaper.tokens(text, role, size)
        lines = break_lines(tokens, width, indent * size * TRACKING)
        for i, line in enumerate(lines):
            start = x + (indent * size * TRACKING if i == 0 else 0)
            room = width - (start - x)
            last = i == len(lines) - 1
            placed = place(line, start, room, justify=(align == "justify" and not last), align=align)
            self._emit(placed, self._take(), size, role)

    def paragraph(self, text: str, *, role: str = FANG) -> None:
        """正文 paragraph (7.3.3): 3号, first line indented 2 characters."""
        self.text_lines(text, role=role, indent=2)

    def heading(self, text: str, level: int = 1) -> None:
        """Headings (7.3.3): "一、" 黑体, "（一）" 楷体, lower levels 仿宋; all 3号, indented 2 characters."""
        self.text_lines(text, role={1: HEI, 2: KAI}.get(level, FANG), indent=2)

    def title(self, text: str) -> None:
        """标题 (7.3.1): 2号 小标宋, centred; long titles wrap, each line centred."""
        self.text_lines(text, role=TITLE, size=TITLE_SIZE, align="center")

    def line(self, text: str, *, align: str = "left", role: str = FANG, size: float = BODY_SIZE,
             indent: int = 0, right_indent: int = 0) -> None:
        width = TYPE_WIDTH - (indent + right_indent) * CHAR_PITCH
        self.text_lines(text, role=role, size=size, align=align, x=LEFT + indent * CHAR_PITCH, width=width)

    def addressee(self, text: str) -> None:
        """主送 (7.3.2): flush left, ending with a full-width colon."""
        self.text_lines(text.rstrip("：:") + "：", align="left")

    def signature(self, organ: str, date_text: str) -> None:
        """Sealed signature (7.3.5.1): 成文日期 4 characters in from the right, 署名 centred above it."""
        date_tokens = self.shaper.tokens(date_text, FANG, BODY_SIZE)
        date_width = sum(t.width for t in date_tokens)
        date_right = RIGHT - 4 * CHAR_PITCH
        centre = date_right - date_width / 2
        organ_tokens = self.shaper.tokens(organ, FANG, BODY_SIZE)
        organ_width = sum(t.width for t in organ_tokens)
        organ_x = min(centre - organ_width / 2, RIGHT - 2 * CHAR_PITCH - organ_width)
        if self.slot + 2 > LINES_PER_PAGE:
            self._new_page()
        self._emit(place(organ_tokens, organ_x, organ_width, justify=False), self._take(), BODY_SIZE, FANG)
        self._emit(place(date_tokens, date_right - date_width, date_width, justify=False), self._take(),
                   BODY_SIZE, FANG)

    def note(self, text: str) -> None:
        """附注 (7.3.6): next line after the date, indented 2 characters, in round brackets."""
        if not text.startswith("（"):
            text = f"（{text}）"
        self.text_lines(text, indent=2, align="left")

    def table(self, rows: Sequence[tuple[Sequence[Cell], int]], *, size: float = BODY_SIZE) -> None:
        """A form on the grid: rows of cells (widths in grid cells, summing to 28), rules on line edges.

        Each row is at least its minimum number of lines and grows with its text; a row never splits
        across pages.
        """
        pad = CHAR_PITCH / 2
        offset = (LINE_PITCH - size) / 2
        top_slot = None
        for cells, min_lines in rows:
            laid = []
            for cell in cells:
                width = cell.width * CHAR_PITCH - 2 * pad
                paras = [(cell.text, cell.align)] if isinstance(cell.text, str) else list(cell.text)
                lines = []
                for text, align in paras:
                    for part in text.split("\n"):
                        toks = self.shaper.tokens(part, cell.role, size)
                        broken = break_lines(toks, width) or [[]]
                        lines += [(ln, align, j == len(broken) - 1) for j, ln in enumerate(broken)]
                footer = self.shaper.tokens(cell.footer, cell.role, size) if cell.footer else None
                laid.append((cell, lines, footer))
            height = max([min_lines] + [len(ls) + (1 if ft else 0) for _, ls, ft in laid])
            height = min(height, LINES_PER_PAGE)
            if self.slot + height > LINES_PER_PAGE:
                if top_slot is not None:
                    self._box(top_slot, self.slot)
                self._new_page()
                top_slot = None
            if top_slot is None:
                top_slot = self.slot
            first = self.slot
            self.slot += height
            x = LEFT
            for cell, lines, footer in laid:
                width = cell.width * CHAR_PITCH - 2 * pad
                start = first + (height - len(lines)) // 2 if cell.align == "center" and not footer else first
                for k, (ln, align, last) in enumerate(lines[:height]):
                    justify = align == "justify" and not last
                    placed = place(ln, x + pad, width, justify=justify, align=align if not justify else "left")
                    self._emit(placed, start + k, size, cell.role, offset)
                if footer:
                    self._emit(place(footer, x + pad, width, justify=False, align="right"),
                               first + height - 1, size, cell.role, offset)
                if x > LEFT:
                    self.page.rules.append((x, self.slot_top(first), x, self.slot_top(first + height), 0.5, black))
                x += cell.width * CHAR_PITCH
            self.page.rules.append((LEFT, self.slot_top(self.slot), RIGHT, self.slot_top(self.slot), 0.5, black))
        if top_slot is not None:
            self._box(top_slot, self.slot)

    def _box(self, top: int, bottom: int) -> None:
        y0, y1 = self.slot_top(top), self.slot_top(bottom)
        for rule in ((LEFT, y0, RIGHT, y0), (LEFT, y0, LEFT, y1), (RIGHT, y0, RIGHT, y1), (LEFT, y1, RIGHT, y1)):
            self.page.rules.append((*rule, 1.0, black))

    # -- 信函格式 (10.1) ----------------------------------------------------------------------------------
    def _letterhead(self, head: LetterHead) -> int:
        """Mark, red double rules and number on the first page; returns the first free line (title)."""
        tokens = self.shaper.tokens(head.organ, TITLE, LETTER_MARK_SIZE)
        self.page.lines.append(TextLine(place(tokens, LEFT, TYPE_WIDTH, justify=False, align="center"),
                                        LETTER_MARK_TOP, LETTER_MARK_SIZE, self.fonts.primary(TITLE).descent, RED))
        x0 = (PAGE_WIDTH - LETTER_RULE_LENGTH) / 2
        x1 = x0 + LETTER_RULE_LENGTH
        thick, thin, gap = 1.0 * mm, 0.3 * mm, 0.7 * mm
        y = LETTER_MARK_TOP + LETTER_MARK_SIZE + LETTER_RULE_GAP
        self.page.rules += [(x0, y + thick / 2, x1, y + thick / 2, thick, RED),
                            (x0, y + thick + gap + thin / 2, x1, y + thick + gap + thin / 2, thin, RED)]
        bottom = PAGE_HEIGHT - LETTER_BOTTOM_RULE
        self.page.rules += [(x0, bottom - thick / 2, x1, bottom - thick / 2, thick, RED),
                            (x0, bottom - thick - gap - thin / 2, x1, bottom - thick - gap - thin / 2, thin, RED)]
        below = y + thick + gap + thin + 7 / 8 * BODY_SIZE
        if head.number:
            tokens = self.shaper.tokens(head.number, FANG, BODY_SIZE)
            self.page.lines.append(TextLine(place(tokens, LEFT, TYPE_WIDTH, justify=False, align="right"),
                                            below, BODY_SIZE, self.fonts.primary(FANG).descent))
        last = below + BODY_SIZE
        slot = next(i for i in range(LINES_PER_PAGE) if self.slot_top(i) + BODY_SIZE >= last)
        return slot + 2  # title two lines below the last element

    # -- output -----------------------------------------------------------------------------------------
    def _page_number(self, page: Page) -> TextLine | None:
        """7.5: "— 1 —", 4号 half-width 宋体 digits, 7 mm below the type area; odd right, even left, 1 char in."""
        if not self.page_numbers or (self.letter and page.number == 1):
            return None
        tokens = self.shaper.tokens(f"— {page.number} —", SONG, PAGE_NUMBER_SIZE)
        width = sum(t.width for t in tokens)
        x = RIGHT - CHAR_PITCH - width if page.number % 2 else LEFT + CHAR_PITCH
        return TextLine(place(tokens, x, width, justify=False), TOP_MARGIN + TYPE_HEIGHT + PAGE_NUMBER_DROP,
                        PAGE_NUMBER_SIZE, self.fonts.primary(SONG).descent)

    def _margin_lines(self) -> list[TextLine]:
        extra = []
        if self.corner_label:
            tokens = self.shaper.tokens(self.corner_label, HEI, SIZE_4)
            extra.append(TextLine(place(tokens, LEFT, TYPE_WIDTH, justify=False, align="right"),
                                  TOP_MARGIN - 12 * mm, SIZE_4, self.fonts.primary(HEI).descent))
        if self.footer:
            tokens = self.shaper.tokens(self.footer, SONG, 9.0)
            extra.append(TextLine(place(tokens, LEFT, TYPE_WIDTH, justify=False), PAGE_HEIGHT - 14 * mm, 9.0,
                                  self.fonts.primary(SONG).descent))
        return extra

    def render(self) -> bytes:
        """Draw all pages into a new PDF; refuses (``document.missing_glyph``) if any character has no font."""
        buffer = io.BytesIO()
        canvas = new_canvas(buffer, self.fonts, self.meta_title)
        self.draw(canvas)
        canvas.save()
        return buffer.getvalue()

    def draw(self, canvas: Canvas) -> None:
        """Draw all pages onto ``canvas`` (one ``showPage`` each); checks glyphs before drawing anything."""
        margin = self._margin_lines()
        numbers = [self._page_number(p) for p in self.pages]
        self.shaper.raise_if_missing()
        for page, number in zip(self.pages, numbers):
            draw_page(canvas, page, [*margin, *([number] if number else [])])
            canvas.showPage()


def new_canvas(target, fonts: FontBook, title: str = "") -> Canvas:
    """An A4 canvas whose initial font is ours, so no unembedded Helvetica is referenced by the pages."""
    canvas = Canvas(target, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1, invariant=0,
                    initialFontName=fonts.primary(FANG).name, initialFontSize=BODY_SIZE)
    canvas.setTitle(title)
    canvas.setAuthor("广州市国家保密局")
    canvas.setSubject(title)
    canvas.setCreator("涉密领域失信信息管理系统")
    canvas.setCreator("credit-ledger")
    return canvas


def draw_page(canvas: Canvas, page: Page, extra: Sequence[TextLine] = ()) -> None:
    for x0, y0, x1, y1, width, color in page.rules:
        canvas.setStrokeColor(color)
        canvas.setLineWidth(width)
        canvas.line(x0, PAGE_HEIGHT - y0, x1, PAGE_HEIGHT - y1)
    for line in [*page.lines, *extra]:
        draw_line(canvas, line)


def draw_line(canvas: Canvas, line: TextLine) -> None:
    """One text object per line; one TJ per run of glyphs with the same font and even spacing (Tc)."""
    if not line.placed:
        return
    baseline = PAGE_HEIGHT - line.top - line.size - line.descent * line.size / 1000
    text = canvas.beginText()
    text.setFillColor(line.color)
    for x, run, space in _runs(line.placed):
        first = run[0]
        text.setFont(first.font.name, first.size)
        text.setCharSpace(space)
        text.setTextOrigin(x, baseline)
        text.textOut("".join(g.char for g in run))
    canvas.drawText(text)


def _runs(placed: list[tuple[float, Glyph]]):
    """Split a line into runs drawable with one font, size and constant character spacing."""
    start = 0
    while start < len(placed):
        x, glyph = placed[start]
        run, space, end = [glyph], 0.0, start + 1
        while end < len(placed):
            nx, nglyph = placed[end]
            px, pglyph = placed[end - 1]
            gap = nx - px - pglyph.natural
            if nglyph.font is not glyph.font or nglyph.size != glyph.size:
                break
            if len(run) == 1:
                space = gap
            elif abs(gap - space) > 0.005:
                break
            run.append(nglyph)
            end += 1
        yield x, run, space
        start = end
