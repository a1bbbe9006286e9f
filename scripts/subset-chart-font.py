#!/usr/bin/env python3
"""Makes data/fonts/chart-sc.otf, the font the charts' labels are drawn in:
Noto Sans CJK SC Regular (SIL OFL 1.1, Debian package fonts-noto-cjk)
cut down to ASCII, the CJK punctuation and full-width forms, and every
character of GB 2312 (its 6763 hanzi and its symbols).

    pip install fonttools
    apt-get install fonts-noto-cjk
    scripts/subset-chart-font.py [SOURCE.ttc] [OUT.otf]
"""
import sys
from fontTools import subset
from fontTools.ttLib import TTCollection

src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
out = sys.argv[2] if len(sys.argv) > 2 else "data/fonts/chart-sc.otf"

chars = set(range(0x20, 0x7F))           # ASCII
chars |= set(range(0x3000, 0x3040))      # CJK symbols and punctuation
chars |= set(range(0xFF01, 0xFF5F))      # full-width forms
chars |= {0x2014, 0x2015, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x00B7, 0x2022, 0x2030, 0x25A1}
for hi in range(0xA1, 0xF8):             # every GB 2312 code point
    for lo in range(0xA1, 0xFF):
        try:
            chars |= {ord(c) for c in bytes([hi, lo]).decode("gb2312")}
        except UnicodeDecodeError:
            pass

coll = TTCollection(src)
index = next(i for i, f in enumerate(coll.fonts) if f["name"].getDebugName(1) == "Noto Sans CJK SC")
opts = subset.Options()
opts.font_number = index
opts.layout_features = []                # no OpenType layout: the chart places glyphs one by one
opts.name_IDs = ["*"]
opts.notdef_outline = True               # a missing character draws the .notdef box
opts.hinting = False
opts.desubroutinize = False
font = subset.load_font(src, opts)
sub = subset.Subsetter(opts)
sub.populate(unicodes=sorted(chars))
sub.subset(font)
subset.save_font(font, out, opts)
print(f"{out}: {len(chars)} code points")
