#!/usr/bin/env python3
"""Scans the documents of `pingcha report` (DIR/*.docx, *.xlsx, *.md) for what no
circulated document may carry: ISO dates, item ids, a space between Chinese
characters, doubled brackets, internal words, 良好 (for a three-grade standard).

    scripts/scan-docs.py DIR        (needs python-docx and openpyxl)
"""
import sys, re, glob, docx, openpyxl
bad = [re.compile(r'\d{4}-\d{2}-\d{2}'), re.compile(r'\b[A-Z]{2}-V?\d{2}\b'), re.compile(r'[\u4e00-\u9fff] [\u4e00-\u9fff]'),
       re.compile('全国默认|（见|〔〔|〕〕|（（|））|年月日|见）|良好|办公室办公室')]
def texts(path):
    if path.endswith('.docx'):
        d = docx.Document(path)
        for p in d.paragraphs: yield p.text
        for t in d.tables:
            for r in t.rows:
                for c in r.cells: yield c.text
    elif path.endswith('.xlsx'):
        wb = openpyxl.load_workbook(path)
        for ws in wb:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    if isinstance(v, str): yield v
    else:
        yield from open(path).read().splitlines()
n=0
for f in sorted(glob.glob(sys.argv[1]+'/*')):
    if not re.search(r'\.(docx|xlsx|md)$', f): continue
    seen=set()
    for t in texts(f):
        for b in bad:
            m = b.search(t)
            if m and (f,m.group()) not in seen:
                seen.add((f,m.group())); n+=1
                if n<40: print(f.split('/')[-1], '|', m.group(), '|', t[:90])
print("hits", n)
sys.exit(1 if n else 0)
