#!/usr/bin/env bash
# Runs `denied scan` over the hostile-archive corpus (scripts/hostile_corpus.py) and prints, per shape: compressed
# size, exit code, peak RSS (/usr/bin/time), wall time, the stderr line count and whether a stack trace appeared.
#   bash bench/hostile.sh [small|big] [SHAPES=all, comma-separated]
# DENIED is the command that runs the CLI (default: the Release build, `dotnet src/Cli/bin/Release/net10.0/denied.dll`),
# so the same corpus can be run against an older build for a before/after table. The corpus is generated into
# bench/data/hostile-SCALE/ (gitignored) on first use; the big one takes a few minutes and ~40 MB of disk.
# SHAPES picks rows of the generated corpus by name. Timing on a shared machine is noisy: compare peak RSS and exit codes, and time only as an order of magnitude.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-small}
ONLY=${2:-}
DENIED=${DENIED:-dotnet src/Cli/bin/Release/net10.0/denied.dll}
[ -x /usr/bin/time ] || { echo "hostile.sh needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
DATA=bench/data/hostile-$SCALE
if [ ! -f "$DATA/.done" ]; then
  mkdir -p "$DATA"
  python3 scripts/hostile_corpus.py --out "$DATA" --scale "$SCALE" >"$DATA/index.tsv.new"
  mv "$DATA/index.tsv.new" "$DATA/index.tsv"; touch "$DATA/.done"
fi
INDEX=$DATA/index.tsv
if [ -n "$ONLY" ]; then
  INDEX=$(mktemp)
  awk -F'\t' -v only=",$ONLY," 'index(only, "," $1 ",") > 0' "$DATA/index.tsv" >"$INDEX"
fi
err=$(mktemp); trap 'rm -f "$err" "$err.t" ${ONLY:+"$INDEX"}' EXIT
echo "| shape | compressed | uncompressed | exit | peak RSS (MB) | wall (s) | stderr lines | stack trace |"
echo "|---|---|---|---|---|---|---|---|"
while IFS=$'\t' read -r name path compressed plain; do
  set +e
  /usr/bin/time -f "%e %M" -o "$err.t" $DENIED scan "$path" --output json --no-progress >/dev/null 2>"$err"
  code=$?
  set -e
  read -r wall rss < <(tail -1 "$err.t") || true
  trace=$(grep -cE '^\s+at |Unhandled exception' "$err" || true)
  lines=$(grep -c '' "$err" || true)
  awk -v n="$name" -v c="$compressed" -v p="$plain" -v x="$code" -v r="$rss" -v w="$wall" -v l="$lines" -v t="$trace" \
    'function h(b) { return b >= 1048576 ? sprintf("%.1f MB", b / 1048576) : b >= 1024 ? sprintf("%.0f KB", b / 1024) : (b == 0 ? "-" : b " B") }
     BEGIN { printf "| %s | %s | %s | %s | %.0f | %s | %s | %s |\n", n, h(c), h(p), x, r / 1024, w, l, (t > 0 ? "yes" : "no") }'
done <"$INDEX"
