"""Convert the Fandol CFF (PostScript-outline) fonts to TrueType outlines so reportlab can embed them.

reportlab only embeds fonts with TrueType (``glyf``) outlines; the Fandol fonts ship as CID-keyed CFF
OpenType (``.otf``), which reportlab refuses ("postscript outlines are not supported").

Inputs (Debian/TeX Live package ``texlive-lang-chinese`` 2022.20230122-1, not installed system-wide)::

    apt-get download texlive-lang-chinese
    dpkg-deb -x texlive-lang-chinese_*.deb x
    x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf
    x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolSong-Bold.otf
    x/usr/share/doc/texlive-doc/fonts/fandol/{README,COPYING.gz}   (licence: GPL-3 + font exception)

Run (needs ``fonttools``, a development-only dependency)::

    .venv/bin/python resources/fonts/convert_fandol.py x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol

Method: fontTools ``Snippets/otf2ttf.py``. Every CFF charstring is drawn through ``Cu2QuPen`` (cubic to
quadratic, max error 1 font unit, reversed direction for TrueType winding) into ``TTGlyphPen``; ``glyf``
and ``loca`` are built, ``CFF `` and ``VORG`` dropped, ``maxp`` set to version 1.0 and ``post`` to format 2.
The output has no hinting (none is needed at print resolution).

Licence and naming: the GPL does not require a modified font to be renamed, but the converted file *is* a
modified version, so it gets a distinct family name (``Fandol Fang TT`` / ``Fandol Song TT``; PostScript names
``FandolFangTT-Regular`` / ``FandolSongTT-Bold``) and a note in the name table saying what was changed, so
it is never confused with the upstream CFF font. It stays under GPL-3 with the Fandol font exception
(documents that embed it are not covered by the GPL); see ``fandol/README.md`` next to the output.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

MAX_ERR = 1.0
POST_FORMAT = 2.0
OUTPUT = Path(__file__).resolve().parent / "fandol"
# source file -> (new family, new subfamily, new PostScript name, output file)
FONTS = {
    "FandolFang-Regular.otf": ("Fandol Fang TT", "Regular", "FandolFangTT-Regular", "FandolFangTT-Regular.ttf"),
    "FandolSong-Bold.otf": ("Fandol Song TT", "Bold", "FandolSongTT-Bold", "FandolSongTT-Bold.ttf"),
}
NOTE = ("Modified version of {src}: CFF outlines converted to TrueType outlines with fontTools cu2qu "
        "(max error 1 unit) for credit-ledger; renamed. GPL-3 with the Fandol font exception.")


def glyphs_to_quadratic(glyphs, max_err: float = MAX_ERR, reverse_direction: bool = True) -> dict:
    quad = {}
    for name in glyphs.keys():
        glyph = glyphs[name]
        pen = TTGlyphPen(glyphs)
        glyph.draw(Cu2QuPen(pen, max_err, reverse_direction=reverse_direction))
        quad[name] = pen.glyph()
    return quad


def otf_to_ttf(font: TTFont) -> None:
    assert font.sfntVersion == "OTTO" and "CFF " in font
    order = font.getGlyphOrder()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs_to_quadratic(font.getGlyphSet())
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    post = font["post"]
    post.formatType = POST_FORMAT
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\000\001\000\000"


def rename(font: TTFont, family: str, subfamily: str, ps_name: str, source: str) -> None:
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            name.removeNames(nameID=record.nameID)
    full = f"{family} {subfamily}" if subfamily != "Regular" else family
    for name_id, value in ((1, family), (2, subfamily), (3, f"{ps_name};credit-ledger"), (4, full), (6, ps_name),
                           (10, NOTE.format(src=source))):
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)


def convert(src_dir: Path, out_dir: Path = OUTPUT) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source, (family, subfamily, ps_name, target) in FONTS.items():
        font = TTFont(src_dir / source)
        otf_to_ttf(font)
        rename(font, family, subfamily, ps_name, source)
        font.save(out_dir / target)
        written.append(out_dir / target)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for path in convert(Path(sys.argv[1])):
        print(path, path.stat().st_size)
