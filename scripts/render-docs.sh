#!/bin/sh
# Renders the .docx documents of `pingcha report` to PDF (LibreOffice
# headless) and PNG (pdftoppm), so a person can look at them.
#
#   scripts/render-docs.sh DOCS_DIR [OUT_DIR] [DPI]
#
# OUT_DIR defaults to DOCS_DIR/rendered; PNGs are OUT_DIR/png/<name>-<page>.png.
# Needs: soffice (Debian: libreoffice-writer or libreoffice-writer-nogui),
# pdftoppm (poppler-utils). Without 方正小标宋简体 / 仿宋_GB2312 installed,
# LibreOffice substitutes a CJK font (fonts-noto-cjk is a good fallback).
set -eu
docs=${1:?usage: scripts/render-docs.sh DOCS_DIR [OUT_DIR] [DPI]}
out=${2:-$docs/rendered}
dpi=${3:-80}
for tool in soffice pdftoppm; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "render-docs: $tool not found (apt-get install libreoffice-writer poppler-utils)" >&2
        exit 2
    }
done
mkdir -p "$out/pdf" "$out/png"
# A private profile: no clash with a running LibreOffice, no first-run dialogs.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
set -- "$docs"/*.docx
[ -e "$1" ] || { echo "render-docs: no .docx in $docs" >&2; exit 1; }
# Blank pages that the documents' section breaks call for (the 版记 on an
# even page) are exported too: LibreOffice skips them by default.
soffice -env:UserInstallation="file://$profile" --headless \
    --convert-to 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}' \
    --outdir "$out/pdf" "$@" >/dev/null
for pdf in "$out"/pdf/*.pdf; do
    name=$(basename "$pdf" .pdf)
    pdftoppm -r "$dpi" -png "$pdf" "$out/png/$name"
done
echo "PDF: $out/pdf ($(ls "$out"/pdf | wc -l) files); PNG: $out/png ($(ls "$out"/png | wc -l) pages)"
