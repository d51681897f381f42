#!/usr/bin/env bash
# Remakes the .xlsx fixtures of src/test/resources/runsheets/xlsx with LibreOffice (Debian's
# libreoffice-calc-nogui), so the import is tested on files another program wrote. The results are
# committed: the build and CI do not need LibreOffice.
set -euo pipefail
cd "$(dirname "$0")/../resources/runsheets"
out=xlsx
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp sample-runsheet.csv "$work/sample-runsheet.csv"
cp broken/several-problems.csv "$work/several-problems.csv"
cp broken/multiline-script.csv "$work/multiline-script.csv"
cp xlsx/mixed-cells.fods "$work/mixed-cells.fods"
# comma-separated, double quotes, UTF-8 (76), from the first line; columns typed as LibreOffice guesses
soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$work" \
  "$work/sample-runsheet.csv" "$work/several-problems.csv" "$work/multiline-script.csv"
soffice --headless --convert-to xlsx --outdir "$work" "$work/mixed-cells.fods"
for name in sample-runsheet several-problems multiline-script mixed-cells; do
  cp "$work/$name.xlsx" "$out/$name.xlsx"
done
