#!/usr/bin/python3
"""Regenerate the bundled fonts in fonts/ from Debian font packages.

Maintainer tool, not needed at run time.  Run it with Debian's Python (the
pyenv/other interpreters on PATH usually lack fontTools):

    apt-get install python3-fonttools fonts-noto-cjk fonts-lxgw-wenkai \
        texlive-lang-chinese fonts-hanazono
    /usr/bin/python3 scripts/fonts/prepare.py            # ~5-10 min, 2 cores

It writes fonts/*.ttf, fonts/LICENSE-*.txt, fonts/manifest.json and
fonts/README.md.  Every font it writes has TrueType (glyf) outlines: the
CFF-based sources (Noto CJK, FandolFang) are converted after subsetting.
Output is deterministic: with the same source packages (checked by SHA-256
below) and the same fontTools version, a re-run gives byte-identical files.  Use --full-bold to keep every URO/Ext A hanzi in the
bold faces too (instead of GB 2312 only; adds ~22 MB).
"""

import argparse
import gzip
import hashlib
import io
import json
import os
import sys
import textwrap
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "fonts"
FONTTOOLS_VERSION = "4.38.0"  # version the committed files were made with

NOTO = "/usr/share/fonts/opentype/noto"
WENKAI = "/usr/share/fonts/truetype/lxgw-wenkai"
FANDOL = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
HANA = "/usr/share/fonts/truetype/hanazono"

PACKAGES = {
    "noto": "Debian fonts-noto-cjk 1:20220127+repack1-1",
    "wenkai": "Debian fonts-lxgw-wenkai 1.250+repack-1",
    "fandol": "Debian texlive-lang-chinese 2022.20230122-1 (CTAN fandol 0.3)",
    "hana": "Debian fonts-hanazono 20170904-2.1",
}

SOURCES_SHA256 = {
    f"{NOTO}/NotoSerifCJK-Regular.ttc":
        "a04178ec485dffdff7cc0c0c20e1fce9202d7e2160d805e8e44a4c8841c58481",
    f"{NOTO}/NotoSerifCJK-Bold.ttc":
        "a5d4b046c127da3d7c72f98b46c41489cd29bf52abfdf18aba920903e920d4ac",
    f"{NOTO}/NotoSansCJK-Regular.ttc":
        "b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a",
    f"{NOTO}/NotoSansCJK-Bold.ttc":
        "faa5f3656a78b2e2d450d27fe8382c778bc2b6bb5ea29c986664a6a435056ceb",
    f"{WENKAI}/LXGWWenKai-Regular.ttf":
        "bbf534b0ca093928f94d1782855e65a19a32cde82b075d495d072025521953c8",
    f"{WENKAI}/LXGWWenKai-Bold.ttf":
        "2a24551c5c4fb42507aafa4773b08a5ea55d538a8d449032663ec9e3027a707e",
    f"{FANDOL}/FandolFang-Regular.otf":
        "d838ad32ce2244d8144f408c37fe71065aba6fbbc80759a4d2aa2033948d5bc9",
    f"{HANA}/HanaMinA.ttf":
        "7ca87559414474848fc513a8d8eb42d5b0f8194c30c2abdfbfedff5398ec88d7",
    f"{HANA}/HanaMinB.ttf":
        "829543436cdf7b4c6730e2af5806fa406f8ddf0d4b656e0cd49c58d4db1c8d3c",
}

# Code point ranges kept in every role font (intersected with its cmap).
ROLE_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x00FF),
    (0x2000, 0x206F),                      # general punctuation
    (0x2E3A, 0x2E3B),                      # two- and three-em dash (—— as one rule)
    (0x2100, 0x214F), (0x2150, 0x218F),    # letterlike, number forms
    (0x2190, 0x21FF), (0x2200, 0x22FF),    # arrows, math operators
    (0x2460, 0x24FF), (0x2500, 0x257F),    # enclosed alnum, box drawing
    (0x25A0, 0x25FF), (0x2600, 0x26FF),    # geometric shapes, misc symbols
    (0x3000, 0x303F), (0x3040, 0x30FF),    # CJK punctuation, kana
    (0x3200, 0x32FF), (0x3300, 0x33FF),    # enclosed CJK, CJK compatibility
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF),    # Ext A, URO
    (0xF900, 0xFAFF),                      # compatibility ideographs
    (0xFE10, 0xFE1F), (0xFE30, 0xFE4F),    # vertical forms, compat forms
    (0xFF00, 0xFFEF),                      # half/full-width forms
]
# Extensions B–G and the compatibility supplement: names of people and places
# (the 196 characters of the 通用规范汉字表 outside the BMP, GB 18030-2022
# level 1, Unihan kIICore) live here.  A regular role face keeps every one of
# them it has, so a rare name prints in the role's own style, not in the
# fallback's (Hanazono Mincho, Japanese stroke forms).
EXT_RANGES = [(0x20000, 0x2A6DF), (0x2A700, 0x2B73F), (0x2B740, 0x2B81F),
              (0x2B820, 0x2CEAF), (0x2CEB0, 0x2EBEF), (0x30000, 0x3134F),
              (0x2F800, 0x2FA1F)]
HAN_RANGES = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)] + EXT_RANGES

# Never put into the fallback: private use, Hangul, controls and default
# ignorables (a visible glyph for a variation selector would be wrong).
FALLBACK_EXCLUDE = [
    (0x0000, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD), (0x034F, 0x034F),
    (0x1100, 0x11FF), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF),
    (0xE000, 0xF8FF), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xE0000, 0xE0FFF), (0xF0000, 0x10FFFF),
]

# OpenType layout features kept (GPOS only; horizontal text).  'locl' would
# pull in the JP/KR/TC glyph variants of Noto (+18k glyphs, +6 MB per face);
# 'vert'/'vrt2' are useless because pdfkit only sets horizontal text.
LAYOUT_FEATURES = ["kern", "palt", "halt"]

# Fixed head.created / head.modified (1 Jan 2023 00:00 UTC, in seconds since
# 1904-01-01) so that output does not depend on the build date.
FIXED_TIMESTAMP = 3755376000


def gb2312(lo, hi):
    out = set()
    for b1 in range(lo >> 8, (hi >> 8) + 1):
        for b2 in range(0xA1, 0xFF):
            if not lo <= (b1 << 8 | b2) <= hi:
                continue
            try:
                out.add(ord(bytes([b1, b2]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


GB2312_ALL = gb2312(0xA1A1, 0xF7FE)   # 7445 chars: symbols, pinyin, Greek, Cyrillic, hanzi
GB2312_HAN = gb2312(0xB0A1, 0xF7FE)   # 6763 hanzi


def in_ranges(cp, ranges):
    return any(a <= cp <= b for a, b in ranges)


# han = "full": ROLE_RANGES (+ GB 2312 non-Han extras such as pinyin āǎ, Greek,
#                Cyrillic), all URO/Ext A–G hanzi the face has.
# han = "gb2312": same non-Han set, hanzi limited to GB 2312 (6763).
FONTS = [
    dict(id="noto-serif-regular", file="NotoSerifCJKsc-Regular.ttf", kind="noto", weight=400,
         src=f"{NOTO}/NotoSerifCJK-Regular.ttc", face="Noto Serif CJK SC", han="full",
         licence="LICENSE-NotoCJK.txt"),
    dict(id="noto-serif-bold", file="NotoSerifCJKsc-Bold.ttf", kind="noto", weight=700,
         src=f"{NOTO}/NotoSerifCJK-Bold.ttc", face="Noto Serif CJK SC", han="gb2312",
         licence="LICENSE-NotoCJK.txt"),
    dict(id="noto-sans-regular", file="NotoSansCJKsc-Regular.ttf", kind="noto", weight=400,
         src=f"{NOTO}/NotoSansCJK-Regular.ttc", face="Noto Sans CJK SC", han="full",
         licence="LICENSE-NotoCJK.txt"),
    dict(id="noto-sans-bold", file="NotoSansCJKsc-Bold.ttf", kind="noto", weight=700,
         src=f"{NOTO}/NotoSansCJK-Bold.ttc", face="Noto Sans CJK SC", han="gb2312",
         licence="LICENSE-NotoCJK.txt"),
    # WenKai subsets are Modified Versions under the OFL and so must not use
    # its Reserved Font Names: they are renamed by rename() below.
    dict(id="wenkai-regular", file="BriefingKai-Regular.ttf", kind="wenkai", weight=400,
         src=f"{WENKAI}/LXGWWenKai-Regular.ttf", han="full", licence="LICENSE-LXGWWenKai.txt",
         rename=dict(family="Briefing Kai", style="Regular", ps="BriefingKai-Regular")),
    dict(id="wenkai-bold", file="BriefingKai-Bold.ttf", kind="wenkai", weight=700,
         src=f"{WENKAI}/LXGWWenKai-Bold.ttf", han="gb2312", licence="LICENSE-LXGWWenKai.txt",
         rename=dict(family="Briefing Kai", style="Bold", ps="BriefingKai-Bold")),
    dict(id="fandol-fang-regular", file="FandolFang-Regular.ttf", kind="fandol", weight=400,
         src=f"{FANDOL}/FandolFang-Regular.otf", han="full", licence="LICENSE-Fandol.txt"),
]
# The fallback needs ~71k glyphs, over the 65,535-glyph limit of one font, so
# it stays two files: A is consulted first, B only adds what A lacks.
FALLBACK = [
    dict(id="hanazono-a", file="HanaMinA-Fallback.ttf", kind="hana", weight=400,
         src=f"{HANA}/HanaMinA.ttf", licence="LICENSE-Hanazono.txt"),
    dict(id="hanazono-b", file="HanaMinB-Fallback.ttf", kind="hana", weight=400,
         src=f"{HANA}/HanaMinB.ttf", licence="LICENSE-Hanazono.txt"),
]
ROLES = {
    "serif": {"normal": "noto-serif-regular", "bold": "noto-serif-bold"},
    "sans": {"normal": "noto-sans-regular", "bold": "noto-sans-bold"},
    "kai": {"normal": "wenkai-regular", "bold": "wenkai-bold"},
    "fangsong": {"normal": "fandol-fang-regular"},
    "fallback": {"normal": "hanazono-a", "extra": ["hanazono-b"]},
}


# ---------------------------------------------------------------- renaming

# OFL Reserved Font Names of the sources whose subsets are renamed (Debian's
# copyright file for fonts-lxgw-wenkai: 'With Reserved Font Names "霞鹜" and
# "LXGW"'), and the line added to the description (name ID 10).
RESERVED_NAMES = {"wenkai": ["霞鹜", "LXGW"]}
RENAME_NOTE = {
    "wenkai": ("Subset of LXGW WenKai 1.250 made for briefing; renamed as the OFL "
               "requires for modified versions."),
}
# Name IDs that name the font, rewritten in every platform and language.
# 1 family, 2 subfamily, 3 unique ID, 4 full name, 6 PostScript name,
# 16/17 typographic family/subfamily, 18 compatible full (Mac),
# 20 PostScript CID findfont name, 21/22 WWS family/subfamily,
# 25 variations PostScript name prefix.
NAMING_IDS = {1, 2, 3, 4, 6, 16, 17, 18, 20, 21, 22, 25}
# Records that may still mention a reserved name, as attribution only: the
# copyright notice (the OFL requires it to be kept as is; it names the
# copyright holder, not this font) and the description (names the source).
ATTRIBUTION_IDS = {0, 10}


def rfn_hits(font, kind):
    """(nameID, platform, encoding, language, text) of records with a reserved name."""
    out = []
    for rec in font["name"].names:
        text = rec.toUnicode()
        if any(rfn.casefold() in text.casefold() for rfn in RESERVED_NAMES[kind]):
            out.append((rec.nameID, rec.platformID, rec.platEncID, rec.langID, text))
    return out


def rename(font, spec):
    """Give a subset that is a Modified Version its own name in every record."""
    r, name = spec["rename"], font["name"]
    full = r["family"] if r["style"] == "Regular" else f"{r['family']} {r['style']}"
    version = (name.getDebugName(5) or "").split(";")[0].strip()   # "Version 1.250"
    new = {1: r["family"], 2: r["style"], 3: f"{full}:{version}" if version else full,
           4: full, 6: r["ps"], 16: r["family"], 17: r["style"], 18: full,
           20: r["ps"], 21: r["family"], 22: r["style"], 25: r["ps"].split("-")[0]}
    for rec in name.names:
        if rec.nameID in NAMING_IDS:
            rec.string = new[rec.nameID]     # localized records too (e.g. 霞鹜文楷)
    note = RENAME_NOTE[spec["kind"]]
    platforms = sorted({(rec.platformID, rec.platEncID, rec.langID) for rec in name.names
                        if rec.nameID == 1 and (rec.platformID, rec.platEncID, rec.langID)
                        in {(1, 0, 0), (3, 1, 0x409)}})
    for pid, eid, lid in platforms:
        old = name.getName(10, pid, eid, lid)
        text = f"{old.toUnicode()}\n{note}" if old else note
        name.setName(text, 10, pid, eid, lid)
    # The vendor ID says who made this version; it is no longer the original's.
    font["OS/2"].achVendID = "NONE"
    bad = [h for h in rfn_hits(font, spec["kind"]) if h[0] not in ATTRIBUTION_IDS]
    if bad:
        raise SystemExit(f"{spec['file']}: reserved font name left in name records {bad}")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load(spec):
    if spec["src"].endswith(".ttc"):
        coll = TTCollection(spec["src"], recalcTimestamp=False)
        for font in coll.fonts:
            if font["name"].getDebugName(1) == spec["face"]:
                return font
        raise SystemExit(f"{spec['face']} not found in {spec['src']}")
    return TTFont(spec["src"], recalcTimestamp=False)


def wanted_codepoints(spec, cmap):
    if spec["han"] == "full":
        ranges, extra = ROLE_RANGES + EXT_RANGES, GB2312_ALL
    else:
        ranges = [r for r in ROLE_RANGES if r not in HAN_RANGES]
        extra = GB2312_ALL
    return sorted(cp for cp in cmap if in_ranges(cp, ranges) or cp in extra)


def options():
    o = subset.Options()
    o.layout_features = list(LAYOUT_FEATURES)
    o.hinting = False                 # drops TrueType instructions and CFF hints
    o.glyph_names = False
    o.name_IDs = ["*"]
    o.name_languages = ["*"]
    o.name_legacy = True
    o.notdef_glyph = True
    o.notdef_outline = True
    o.recalc_timestamp = False
    o.drop_tables += ["vhea", "vmtx", "VORG", "FFTM", "prop"]
    return o


# ------------------------------------------------------- CFF -> TrueType

# Largest distance, in font units, between a converted quadratic outline and
# its cubic CFF original.  One unit of a 1000-unit em is 0.01 pt at 10 pt:
# invisible, and a smaller error only makes the files bigger.
CU2QU_MAX_ERR = 1.0


def cff_to_truetype(font):
    """Give a CFF-based font TrueType (glyf) outlines instead, in place.

    briefing embeds fonts with its own TrueType subsetter, so every bundled
    font must be glyf-based.  Only the outlines change (cubic curves become
    quadratic ones within CU2QU_MAX_ERR units) with the tables that describe
    them: glyf/loca replace CFF, maxp becomes version 1.0, and each glyph's
    left side bearing becomes its new xMin, as TrueType requires.  Glyph
    order (so GSUB/GPOS), advances, cmap, name, OS/2 and the hhea vertical
    metrics stay as they are."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        tt_pen = TTGlyphPen(glyph_set)
        # CFF outer contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[name].draw(Cu2QuPen(tt_pen, CU2QU_MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = tt_pen.glyph()
    del font["CFF "]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")

    hmtx = font["hmtx"]
    for name in order:
        glyph = glyf.glyphs[name]
        if glyph.numberOfContours:
            glyph.recalcBounds(glyf)
            hmtx[name] = (hmtx[name][0], glyph.xMin)

    # No hinting, no components: the limits recalculated on save (points,
    # contours) are the only non-zero ones.
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for field in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours",
                  "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
                  "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp

    font["head"].glyphDataFormat = 0
    # Subsetting without glyph names already left post format 3 (no names).
    assert font["post"].formatType == 3.0, font["post"].formatType
    font.sfntVersion = "\x00\x01\x00\x00"


# briefing sets text without OpenType shaping (its line breaker has placed
# every glyph), so what a zh-Hans shaper would substitute by 'locl' is put
# into the cmap instead: in Noto CJK that makes U+2014 the full-width dash
# (1 em, not the 0.89 em Latin one) and U+2E3A a 2-em rule, so "——" prints
# as one continuous 2-em dash, as Chromium and Typst draw it for Chinese.
LOCL_LANGUAGE = {"noto": "ZHS "}


def bake_locl(font, language):
    """Point the cmap at the glyphs the 'locl' feature picks for `language`."""
    gsub = font["GSUB"].table
    mapping = {}
    for record in gsub.ScriptList.ScriptRecord:
        if record.ScriptTag != "hani":
            continue
        for lang in record.Script.LangSysRecord:
            if lang.LangSysTag != language:
                continue
            for i in lang.LangSys.FeatureIndex:
                feature = gsub.FeatureList.FeatureRecord[i]
                if feature.FeatureTag != "locl":
                    continue
                for li in feature.Feature.LookupListIndex:
                    lookup = gsub.LookupList.Lookup[li]
                    for sub in lookup.SubTable:
                        sub = sub.ExtSubTable if lookup.LookupType == 7 else sub
                        mapping.update(getattr(sub, "mapping", {}))
    if not mapping:
        raise SystemExit(f"no 'locl' substitutions for {language!r} in {font['name'].getDebugName(4)}")
    changed = 0
    for table in font["cmap"].tables:
        if not table.isUnicode() or table.format == 14:
            continue
        for cp, glyph in list(table.cmap.items()):
            if glyph in mapping:
                table.cmap[cp] = mapping[glyph]
                changed += 1
    return changed


def make_font(spec, unicodes, out):
    started = time.monotonic()
    font = load(spec)
    if spec["kind"] in LOCL_LANGUAGE:
        bake_locl(font, LOCL_LANGUAGE[spec["kind"]])
    if unicodes is None:
        unicodes = wanted_codepoints(spec, font.getBestCmap())
    sub = subset.Subsetter(options())
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    if "rename" in spec:
        rename(font, spec)
    font["head"].created = FIXED_TIMESTAMP
    font["head"].modified = FIXED_TIMESTAMP
    note = ""
    if "CFF " in font:
        converting = time.monotonic()
        cff_to_truetype(font)
        note = f", CFF -> glyf {time.monotonic() - converting:.0f} s"
    buf = io.BytesIO()
    font.save(buf)
    (out / spec["file"]).write_bytes(buf.getvalue())
    # A former .otf of the same face would be a stale duplicate.
    (out / spec["file"]).with_suffix(".otf").unlink(missing_ok=True)
    return f"{spec['file']} ({time.monotonic() - started:.0f} s{note})"


def compact_ranges(cps):
    out, cps = [], sorted(cps)
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        out.append(f"{cps[i]:x}" if i == j else f"{cps[i]:x}-{cps[j]:x}")
        i = j + 1
    return ",".join(out)


def describe(spec):
    path = OUT / spec["file"]
    font = TTFont(path, lazy=True)
    name = font["name"]
    cmap = font.getBestCmap()
    if spec["kind"] == "noto":
        src = (f"{PACKAGES['noto']} (SC face of {Path(spec['src']).name}), "
               "subset by scripts/fonts/prepare.py")
    else:
        src = f"{PACKAGES[spec['kind']]} ({Path(spec['src']).name}), subset by scripts/fonts/prepare.py"
    entry = {
        "file": spec["file"],
        "postscriptName": name.getDebugName(6),
        "family": name.getDebugName(16) or name.getDebugName(1),
        "weight": spec["weight"],
        "licence": spec["licence"],
        "source": src,
        "unitsPerEm": font["head"].unitsPerEm,
        "ascender": font["hhea"].ascent,
        "descender": font["hhea"].descent,
        "codepoints": len(cmap),
        "coverage": compact_ranges(cmap),
    }
    return entry, set(cmap), font["maxp"].numGlyphs, path.stat().st_size


# ---------------------------------------------------------------- licences

def debian_license_block(copyright_file, name):
    """Text of the stand-alone 'License: <name>' paragraph of a DEP-5 file."""
    lines = Path(copyright_file).read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.strip() == f"License: {name}" and (i == 0 or not lines[i - 1].strip()):
            body = []
            for nxt in lines[i + 1:]:
                if not nxt.startswith(" "):
                    break
                nxt = nxt[1:]
                body.append("" if nxt.strip() == "." else nxt.rstrip())
            return textwrap.dedent("\n".join(body)).strip("\n") + "\n"
    raise SystemExit(f"License: {name} not found in {copyright_file}")


def debian_paragraph(copyright_file, first_line):
    text = Path(copyright_file).read_text(encoding="utf-8")
    for para in text.split("\n\n"):
        if para.startswith(first_line):
            return para.rstrip() + "\n"
    raise SystemExit(f"{first_line!r} not found in {copyright_file}")


FSF_FONT_EXCEPTION = """\
As a special exception, if you create a document which uses this font,
and embed this font or unaltered portions of this font into the
document, this font does not by itself cause the resulting document
to be covered by the GNU General Public License. This exception does
not however invalidate any other reasons why the document might be
covered by the GNU General Public License. If you modify this font,
you may extend this exception to your version of the font, but you
are not obligated to do so. If you do not wish to do so, delete this
exception statement from your version.
"""

RULE = "-" * 72 + "\n"


def write_licences():
    noto_cr = "/usr/share/doc/fonts-noto-cjk/copyright"
    notices = []
    for spec in FONTS:
        if spec["kind"] == "noto" and spec["weight"] == 400:
            n = load(spec)["name"]
            notices.append(f"{n.getDebugName(4)}: {n.getDebugName(0)}")
    noto = (
        "Noto Serif CJK SC and Noto Sans CJK SC (fonts/NotoSerifCJKsc-*.ttf,\n"
        "fonts/NotoSansCJKsc-*.ttf): subsets of the SC faces of the Noto CJK\n"
        f"collections shipped by {PACKAGES['noto']}.\n\n"
        "Copyright notices in the fonts:\n" + "".join(f"  {x}\n" for x in notices) +
        "Debian's copyright file (" + noto_cr + ") lists:\n"
        "  Copyright: 2010-2012, Google Corporation\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "Upstream: https://github.com/googlefonts/noto-cjk\n\n"
        + RULE + debian_license_block(noto_cr, "SIL-1.1"))
    (OUT / "LICENSE-NotoCJK.txt").write_text(noto, encoding="utf-8")

    wk_cr = "/usr/share/doc/fonts-lxgw-wenkai/copyright"
    n = load(FONTS[4])["name"]
    wenkai = (
        "Briefing Kai (fonts/BriefingKai-Regular.ttf, fonts/BriefingKai-Bold.ttf):\n"
        "subsets of LXGW WenKai 1.250 (LXGWWenKai-Regular.ttf, LXGWWenKai-Bold.ttf)\n"
        f"as shipped by {PACKAGES['wenkai']}.\n\n"
        "A subset is a Modified Version under the SIL Open Font License, and the\n"
        "Reserved Font Names \"霞鹜\" and \"LXGW\" (recorded in Debian's copyright\n"
        "file below) may not be used for one.  The subsets are therefore renamed\n"
        "in every name-table record that names the font (family, full name,\n"
        "PostScript name, unique ID, localized names such as 霞鹜文楷), to family\n"
        "\"Briefing Kai\", PostScript names BriefingKai-Regular and BriefingKai-Bold.\n"
        "The copyright notice is kept unchanged, as the OFL requires; it names the\n"
        "copyright holder, not these fonts.  Briefing Kai is not LXGW WenKai and\n"
        "is not endorsed by its authors; for the original, see upstream below.\n"
        "It remains licensed under the SIL Open Font License, Version 1.1.\n\n"
        "Copyright notice in the fonts:\n"
        + textwrap.indent(n.getDebugName(0).replace("\r\n", "\n"), "  ") + "\n\n"
        "From Debian's copyright file (" + wk_cr + "):\n\n"
        + textwrap.indent(debian_paragraph(wk_cr, "Files: *"), "  ") + "\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "Upstream: https://github.com/lxgw/LxgwWenKai\n\n"
        + RULE + debian_license_block(wk_cr, "OFL-1.1"))
    (OUT / "LICENSE-LXGWWenKai.txt").write_text(wenkai, encoding="utf-8")

    fandol_doc = "/usr/share/doc/texlive-doc/fonts/fandol"
    readme = Path(f"{fandol_doc}/README").read_text(encoding="utf-8")
    gpl = gzip.decompress(Path(f"{fandol_doc}/COPYING.gz").read_bytes()).decode("utf-8")
    n = load(FONTS[6])["name"]
    fandol = (
        "FandolFang (fonts/FandolFang-Regular.ttf): a subset of\n"
        f"FandolFang-Regular.otf from {PACKAGES['fandol']}.\n\n"
        f"Copyright notice in the font: {n.getDebugName(0)}\n"
        "Authors (Fandol team): Clerk Ma, Jie Su.\n"
        "Upstream: https://ctan.org/pkg/fandol\n\n"
        "The Fandol README (" + fandol_doc + "/README) says:\n\n"
        "  These fonts's licensing is GPL + GPL font exception.\n\n"
        "The package ships the GNU GPL version 3 (below) as COPYING.  The \"GPL\n"
        "font exception\" is the Free Software Foundation's standard wording:\n\n"
        + textwrap.indent(FSF_FONT_EXCEPTION, "  ") + "\n"
        "The exception is extended to this subset: PDF documents that embed it\n"
        "are not by themselves covered by the GPL.  Corresponding source: the\n"
        "unmodified FandolFang-Regular.otf (CTAN fonts/fandol, Debian\n"
        "texlive-lang-chinese) plus scripts/fonts/prepare.py, which makes\n"
        "this subset from it.\n\n"
        + RULE + gpl)
    (OUT / "LICENSE-Fandol.txt").write_text(fandol, encoding="utf-8")

    hana_cr = "/usr/share/doc/fonts-hanazono/copyright"
    hana = (
        "Hanazono Mincho (fonts/HanaMinA-Fallback.ttf, fonts/HanaMinB-Fallback.ttf):\n"
        f"subsets of HanaMinA.ttf and HanaMinB.ttf from {PACKAGES['hana']}.\n"
        "Upstream: GlyphWiki Project, https://fonts.jp/hanazono/\n\n"
        "Copyright 2008, 2009, 2010, 2011 GlyphWiki Project.\n"
        "License: Hanazono-Font-License or Open-Font-License (dual licence).\n\n"
        "These subsets keep the original font names (HanaMinA, HanaMinB), which\n"
        "are Reserved Font Names under the OFL option, so they are redistributed\n"
        "under the Hanazono Font License, which grants unlimited permission to\n"
        "use, copy and distribute the font with or without modification and\n"
        "places no condition on its name.  Both licence texts, as given in\n"
        "Debian's copyright file (" + hana_cr + "), follow.\n\n"
        + RULE + "License: Hanazono-Font-License\n\n"
        + debian_license_block(hana_cr, "Hanazono-Font-License") + "\n"
        + RULE + "License: Open-Font-License\n\n"
        + debian_license_block(hana_cr, "Open-Font-License"))
    (OUT / "LICENSE-Hanazono.txt").write_text(hana, encoding="utf-8")


# ---------------------------------------------------------------- README

ROLE_OF = {}
for _role, _slots in ROLES.items():
    for _slot, _ids in _slots.items():
        for _id in (_ids if isinstance(_ids, list) else [_ids]):
            ROLE_OF[_id] = f"{_role} / {_slot}"


def write_readme(rows, total, bold_han):
    lines = [
        "# Bundled fonts",
        "",
        "Generated by `scripts/fonts/prepare.py` from Debian font packages; do not",
        "edit by hand. `manifest.json` lists every file with its PostScript name,",
        "metrics, code point count and exact coverage, and maps the roles",
        "(serif 宋, sans 黑, kai 楷, fangsong 仿宋, fallback) to font ids.",
        "",
        "| file | role / slot | source | licence | size (bytes) | code points | glyphs |",
        "| --- | --- | --- | --- | ---: | ---: | ---: |",
    ]
    for spec, entry, glyphs, size in rows:
        lines.append(
            f"| {entry['file']} | {ROLE_OF[spec['id']]} | {PACKAGES[spec['kind']].replace('Debian ', '')}"
            f" | {entry['licence']} | {size:,} | {entry['codepoints']:,} | {glyphs:,} |")
    lines += [
        "",
        f"Total: {total:,} bytes ({total / 1e6:.1f} MB).",
        "",
        "## What is in them",
        "",
        "- Regular faces: ASCII, Latin-1, general punctuation, letterlike/number",
        "  forms, arrows, math operators, enclosed alphanumerics (①), box drawing,",
        "  geometric shapes (▲■●), misc symbols (★, where the face has it), CJK",
        "  punctuation, kana, enclosed CJK, CJK compatibility, URO, CJK Ext A–G",
        "  and the compatibility supplement (every rare name character the face",
        "  has: Noto CJK SC covers all 8,105 of the 通用规范汉字表, 196 of them",
        "  outside the BMP), compatibility ideographs, vertical/compat/half- and",
        "  full-width forms, the two- and three-em dash (U+2E3A/B), plus the",
        "  non-hanzi part of GB 2312 (pinyin āǎ…, Greek, Cyrillic), each limited",
        "  to what the face actually has. Hangul and all else is dropped.",
        "- Noto CJK: the zh-Hans (`ZHS`) `locl` substitutions are put into the cmap,",
        "  since briefing sets text without OpenType shaping: U+2014 is the 1-em",
        "  dash and U+2E3A the 2-em rule a Chinese shaper picks (the default glyphs",
        "  are 0.89 and 1.69 em), so \"——\" prints as one continuous 2-em dash.",
    ]
    if bold_han == "gb2312":
        lines += [
            "- Bold faces (Noto Serif/Sans, Briefing Kai): the same non-hanzi set, but",
            "  hanzi limited to the 6,763 of GB 2312, to keep the folder small. A rare",
            "  hanzi (e.g. 喆, 玥) in bold text has no bold glyph: render it with the",
            "  regular face of the same role. `--full-bold` keeps all hanzi (+~22 MB).",
        ]
    lines += [
        "- FandolFang has no bold and covers about GB 2312 only (8.7k code points).",
        "- Fallback (Hanazono Mincho): only code points that no role font above has",
        "  (the Ext B–F characters Noto CJK lacks, radicals, strokes, and rare",
        "  symbols/scripts), without private use, Hangul and default-ignorables",
        "  (variation selectors). It needs ~71k glyphs, more than the 65,535 one",
        "  font can hold, so it is two files: try HanaMinA-Fallback first, then",
        "  HanaMinB-Fallback (their code points do not overlap).",
        f"- Layout features kept: {', '.join(LAYOUT_FEATURES)} (GPOS). Dropped: `locl`",
        "  (baked into the cmap for zh-Hans; the JP/KR/TC variants would add +6 MB",
        "  per Noto face), `vert`/`vrt2`",
        "  and the vertical metrics tables (pdfkit sets horizontal text only), hinting,",
        "  glyph names. name, OS/2, post, hhea and head are kept (PostScript name,",
        "  ascender/descender/unitsPerEm unchanged).",
        "- Outlines: every file is TrueType (glyf), so briefing's TrueType subsetter",
        "  embeds them all. Noto CJK and FandolFang ship CFF outlines; after subsetting",
        "  the script converts their cubic curves to quadratic ones (fontTools cu2qu,",
        f"  max error {CU2QU_MAX_ERR:g} font unit) and writes .ttf files. Glyph ids, advances, cmap,",
        "  names, vertical metrics and GPOS are those of the CFF subset; the files",
        "  are 10–40% bigger than the CFF ones.",
        "",
        "## Licences",
        "",
        "- Noto CJK: SIL OFL 1.1; Debian's copyright file records no Reserved Font",
        "  Name, so the names are kept.",
        "- Briefing Kai: SIL OFL 1.1. It is a subset of LXGW WenKai 1.250, for",
        "  which Debian records \"霞鹜\" and \"LXGW\" as Reserved Font Names. A",
        "  subset is a Modified Version, which the OFL forbids to use a Reserved",
        "  Font Name, so the script renames it in every name record that names",
        "  the font (family, full, PostScript, unique ID, localized 霞鹜文楷) and",
        "  sets the OS/2 vendor ID to NONE. The copyright notice (name ID 0) is",
        "  kept as the OFL requires; the description (ID 10) names the source.",
        "- FandolFang: GPL v3 with the font exception (documents that embed it are",
        "  not GPL-covered); the source is the unmodified OTF plus this script.",
        "- Hanazono: Hanazono Font License or OFL 1.1; redistributed here under the",
        "  Hanazono Font License (the names are kept).",
        "",
        "## Regenerating",
        "",
        "```sh",
        "apt-get install python3-fonttools fonts-noto-cjk fonts-lxgw-wenkai \\",
        "    texlive-lang-chinese fonts-hanazono",
        "/usr/bin/python3 scripts/fonts/prepare.py   # add --full-bold for full bold faces",
        "```",
        "",
        "The script checks the SHA-256 of every source file and the fontTools",
        f"version ({FONTTOOLS_VERSION}); with the same inputs its output is",
        "byte-identical (head.created/modified are fixed to 2023-01-01).",
        "",
    ]
    (OUT / "README.md").write_text("\n".join(lines), encoding="utf-8")


# ---------------------------------------------------------------- main

def main():
    global OUT
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--full-bold", action="store_true",
                    help="keep all URO/Ext A hanzi in the bold faces")
    ap.add_argument("--allow-other-sources", action="store_true",
                    help="go on although source files or fontTools differ from the pinned ones")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path, default=OUT,
                    help="folder to write to (default: fonts/); e.g. to compare a run with fonts/")
    args = ap.parse_args()
    OUT = args.out.resolve()

    problems = []
    for path, digest in SOURCES_SHA256.items():
        if not os.path.exists(path):
            raise SystemExit(f"missing source font {path}; see the apt-get line in --help")
        if digest and sha256(path) != digest:
            problems.append(f"{path} differs from the pinned version")
    if fontTools.version != FONTTOOLS_VERSION:
        problems.append(f"fontTools {fontTools.version} != {FONTTOOLS_VERSION}")
    if problems and not args.allow_other_sources:
        raise SystemExit("\n".join(problems) + "\n(use --allow-other-sources to go on)")

    fonts = [dict(s) for s in FONTS]
    if args.full_bold:
        for s in fonts:
            s["han"] = "full"
    bold_han = "full" if args.full_bold else "gb2312"

    OUT.mkdir(exist_ok=True)
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for name in pool.map(make_font, fonts, [None] * len(fonts), [OUT] * len(fonts)):
            print("wrote", name, flush=True)

    rows, covered = [], set()
    for spec in fonts:
        entry, cps, glyphs, size = describe(spec)
        covered |= cps
        rows.append((spec, entry, glyphs, size))

    # Fallback: what no role font covers; A first, B adds only what A lacks.
    for spec in FALLBACK:
        cmap = TTFont(spec["src"], lazy=True).getBestCmap()
        cps = sorted(cp for cp in cmap
                     if cp not in covered and not in_ranges(cp, FALLBACK_EXCLUDE))
        print("wrote", make_font(spec, cps, OUT), flush=True)
        entry, got, glyphs, size = describe(spec)
        covered |= got
        rows.append((spec, entry, glyphs, size))

    manifest = {
        "version": 1,
        "fonts": {spec["id"]: entry for spec, entry, _, _ in rows},
        "roles": ROLES,
    }
    (OUT / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_licences()
    total = sum(size for *_, size in rows)
    write_readme(rows, total, bold_han)
    for spec, entry, glyphs, size in rows:
        print(f"{entry['file']:28} {size:>10,} B {entry['codepoints']:>7,} cps {glyphs:>7,} glyphs")
    print(f"total font bytes: {total:,}")


if __name__ == "__main__":
    main()
