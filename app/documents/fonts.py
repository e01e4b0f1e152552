"""Fonts for printed documents: roles, fallback chains, coverage checks (reportlab registration).

A *role* is what GB/T 9704 asks for (仿宋 body, 小标宋 title, 黑体, 楷体, 宋体 page numbers). Each role has
a chain of fonts; every character is drawn by the first font in its role's chain whose cmap has it, then by
the common tail (:data:`FALLBACK_TAIL`). A character no font has is refused with
``DomainError("document.missing_glyph")`` — reportlab would otherwise print a blank silently.

The mapping is data (role → list of font files, each a path or ``(path, subfont index)``), so a setting can
put licensed fonts installed on the bureau's machines (仿宋_GB2312, 方正小标宋简体 …) in front of the bundled
ones. Only fonts with TrueType outlines can be used (reportlab refuses CFF/PostScript outlines).

Fonts are parsed once per process and mapping, lazily, under a lock (:func:`font_book`).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.domain.errors import DomainError
from app.resources import resource_path

FANG, TITLE, HEI, KAI, SONG = "fang", "title", "hei", "kai", "song"
ROLES = (FANG, TITLE, HEI, KAI, SONG)

FontSpec = str | Path | tuple[str | Path, int]

_UMING = ("arphic-uming/uming.ttc", 0)  # AR PL UMing CN
_UKAI = ("arphic-ukai/ukai.ttc", 0)  # AR PL UKai CN
_ZENHEI = ("wqy-zenhei/wqy-zenhei.ttc", 0)  # WenQuanYi Zen Hei
DEFAULT_MAPPING: dict[str, tuple[FontSpec, ...]] = {
    FANG: ("fandol/FandolFangTT-Regular.ttf",),
    TITLE: ("fandol/FandolSongTT-Bold.ttf",),
    HEI: (_ZENHEI,),
    KAI: (_UKAI,),
    SONG: (_UMING,),
}
# Tried after a role's own fonts, in this order: the broadest bundled fonts (UMing covers 䶮 U+4DAE).
FALLBACK_TAIL: tuple[FontSpec, ...] = (_UMING, _ZENHEI, _UKAI)
SPACES = frozenset(" \u3000\t")  # drawn as advance only; no glyph needed


@dataclass(frozen=True)
class LoadedFont:
    """One registered font: its reportlab name, the cmap it covers and its vertical metrics (per 1000)."""

    name: str
    path: str
    index: int
    covered: frozenset[int]
    descent: float
    ttfont: TTFont

    def has(self, char: str) -> bool:
        return ord(char) in self.covered

    def width(self, char: str, size: float) -> float:
        return self.ttfont.stringWidth(char, size)


def _spec(spec: FontSpec) -> tuple[Path, int]:
    path, index = (spec if isinstance(spec, tuple) else (spec, 0))
    path = Path(path)
    return (path if path.is_absolute() else resource_path("fonts", *path.parts)), int(index)


def _load(spec: FontSpec) -> LoadedFont:
    path, index = _spec(spec)
    if not path.is_file():
        raise DomainError("document.font_missing", path=str(path))
    name = f"CL-{path.stem}-{index}"
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except (TTFError, OSError) as exc:  # CFF outlines, broken file, bad index
        raise DomainError("document.font_unusable", path=str(path), reason=str(exc)) from exc
    pdfmetrics.registerFont(font)
    covered = frozenset(c for c, g in font.face.charToGlyph.items() if g)
    return LoadedFont(name, str(path), index, covered, font.face.descent, font)


class FontBook:
    """The fonts for one role mapping; resolves each character to the font that will draw it."""

    def __init__(self, mapping: Mapping[str, Sequence[FontSpec]] | None = None) -> None:
        merged = dict(DEFAULT_MAPPING)
        for role, specs in (mapping or {}).items():
            if role not in ROLES:
                raise DomainError("document.font_role", role=role)
            merged[role] = tuple(specs) + DEFAULT_MAPPING[role]  # licensed fonts first, bundled behind
        self._lock = threading.Lock()
        self._loaded: dict[tuple[Path, int], LoadedFont] = {}
        self.chains: dict[str, tuple[LoadedFont, ...]] = {}
        for role in ROLES:
            self.chains[role] = self._chain(merged[role] + FALLBACK_TAIL)

    def _chain(self, specs: Iterable[FontSpec]) -> tuple[LoadedFont, ...]:
        chain: list[LoadedFont] = []
        for spec in specs:
            key = _spec(spec)
            if key not in self._loaded:
                self._loaded[key] = _load(spec)
            if self._loaded[key] not in chain:
                chain.append(self._loaded[key])
        return tuple(chain)

    def primary(self, role: str) -> LoadedFont:
        return self.chains[role][0]

    def font_for(self, role: str, char: str) -> LoadedFont | None:
        """The first font of the role's chain that has ``char``; None when no font has it."""
        return next((f for f in self.chains[role] if f.has(char)), None)

    def missing_characters(self, text: str, role: str = FANG) -> list[str]:
        """The distinct characters of ``text`` that no font of the chain can draw, in order of appearance."""
        seen: dict[str, None] = {}
        for char in text:
            if char not in SPACES and char not in seen and unicodedata.category(char) != "Cc" \
                    and self.font_for(role, char) is None:
                seen[char] = None
        return list(seen)

    def check(self, text: str, role: str = FANG) -> None:
        """Raise ``document.missing_glyph`` naming the first character no font has (and all of them)."""
        missing = self.missing_characters(text, role)
        if missing:
            raise missing_glyph(missing)


def missing_glyph(missing: Sequence[str]) -> DomainError:
    first = missing[0]
    return DomainError("document.missing_glyph", char=first, codepoint=f"U+{ord(first):04X}",
                       chars="".join(missing), codepoints=[f"U+{ord(c):04X}" for c in missing])


_books: dict[tuple, FontBook] = {}
_books_lock = threading.Lock()
_configured: Mapping[str, Sequence[FontSpec]] | None = None


def _key(mapping: Mapping[str, Sequence[FontSpec]] | None) -> tuple:
    return tuple(sorted((role, tuple(tuple(s) if isinstance(s, tuple) else (str(s), 0) for s in specs))
                        for role, specs in (mapping or {}).items()))


def configure_fonts(mapping: Mapping[str, Sequence[FontSpec]] | None) -> None:
    """Set the process-wide role mapping (from the settings); fonts load on next use. Validates eagerly."""
    global _configured
    font_book(mapping)
    _configured = dict(mapping) if mapping else None


def font_book(mapping: Mapping[str, Sequence[FontSpec]] | None = None) -> FontBook:
    """The shared FontBook for ``mapping`` (default: the configured one), built once per process."""
    mapping = _configured if mapping is None else mapping
    key = _key(mapping)
    with _books_lock:
        book = _books.get(key)
        if book is None:
            book = _books[key] = FontBook(mapping)
        return book


def missing_characters(text: str, role: str = FANG) -> list[str]:
    """Characters of ``text`` no font can draw (with the configured mapping); empty when all print."""
    return font_book().missing_characters(text, role)
