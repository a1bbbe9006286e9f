#!/usr/bin/env python3
"""Measures a rendered document (PDF from scripts/render-docs.sh) against
GB/T 9704-2012, in millimetres from the page's top-left corner:

    scripts/measure-pdf.py FILE.pdf

Page 1: the red ink (the 发文机关标志, the red rule or 信函's double
rules), the first lines of black ink (文号 …); every page: the page
number's line (pdftotext -bbox, font box top); the last page: the rules
across the block (the 版记). Needs pdftoppm and pdftotext (poppler-utils).
The 版心 is 37–262 mm from the top and 28–184 mm from the left.
"""
import re
import subprocess
import sys

DPI = 300
MM_PER_PT = 25.4 / 72


def raster(pdf, page):
    data = subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), pdf],
        capture_output=True, check=True).stdout
    magic, size, _maxval, px = data.split(b"\n", 3)
    w, h = map(int, size.split())
    return w, h, px


def bands(pdf, page, ink):
    """Runs of rows holding `ink` pixels: (top, bottom, widest, left, right) in mm."""
    w, h, px = raster(pdf, page)
    out = []
    for y in range(h):
        row = px[y * w * 3:(y + 1) * w * 3]
        xs = [x for x in range(w) if ink(row[3 * x], row[3 * x + 1], row[3 * x + 2])]
        if not xs:
            continue
        mm = lambda v: v * 25.4 / DPI
        item = (mm(y), mm(len(xs)), mm(xs[0]), mm(xs[-1]))
        if out and mm(y) - out[-1][1] < 0.2:
            t, _, wd, l, r = out[-1]
            out[-1] = (t, mm(y), max(wd, item[1]), min(l, item[2]), max(r, item[3]))
        else:
            out.append((mm(y), mm(y), item[1], item[2], item[3]))
    return out


def words(pdf, page):
    t = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-"],
                       capture_output=True, text=True, check=True).stdout
    return [(float(a) * MM_PER_PT, float(b) * MM_PER_PT, float(c) * MM_PER_PT,
             float(d) * MM_PER_PT, s)
            for a, b, c, d, s in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', t)]


def main():
    pdf = sys.argv[1]
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    print(f"{pdf}: {pages} pages ({'even' if pages % 2 == 0 else 'odd'})")
    red = lambda r, g, b: r > 180 and g < 90 and b < 90
    dark = lambda r, g, b: r < 110 and g < 110 and b < 110
    for t, b, wd, l, r in bands(pdf, 1, red):
        print(f"  p1 red   {t:6.2f}–{b:6.2f} mm  width {wd:5.1f} mm  x {l:5.1f}–{r:5.1f}")
    for t, b, wd, l, r in bands(pdf, 1, dark)[:4]:
        print(f"  p1 black {t:6.2f}–{b:6.2f} mm  x {l:5.1f}–{r:5.1f}")
    for p in range(1, pages + 1):
        foot = [w for w in words(pdf, p) if w[1] > 262 and w[4] in ("—", "-")]
        if foot:
            print(f"  p{p} page number line top {foot[0][1]:6.2f} mm "
                  f"({foot[0][1] - 262:+.2f} below the block), x {foot[0][0]:.1f}–{foot[-1][2]:.1f}")
        else:
            print(f"  p{p} no page number")
    for t, b, wd, l, r in bands(pdf, pages, dark):
        if wd > 100:
            print(f"  p{pages} rule {t:6.2f}–{b:6.2f} mm ({b - t + 25.4 / DPI:.2f} thick), "
                  f"width {wd:5.1f} mm, x {l:5.1f}–{r:5.1f}")


if __name__ == "__main__":
    main()
