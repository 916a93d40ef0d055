#!/usr/bin/env bash
# Regenerates README.md's options table (between the options-table markers) from RunOptions.
set -euo pipefail
cd "$(dirname "$0")/.."
table=$(./atelier train --print-options-table)
python3 - "$table" <<'PY'
import sys
table = sys.argv[1] + "\n"
readme = open("README.md").read()
start, end = "<!-- options-table -->\n", "<!-- /options-table -->"
i, j = readme.index(start) + len(start), readme.index(end)
open("README.md", "w").write(readme[:i] + table + readme[j:])
PY
echo "README.md options table updated"
