#!/usr/bin/env bash
# Whole-run comparison on a generated archive: `denied scan` (full diagnosis and aggregation) against
# the floor (`zcat > /dev/null`) and what a user scripts today (a jq filter that only selects denied
# records). Prints a markdown table of medians over RUNS runs (wall seconds, peak RSS) and the ratios.
#   bash bench/compare.sh [MB=200] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-200}
RUNS=${2:-5}
DATA=bench/data/${MB}mb
[ -d "$DATA" ] || python3 bench/generate_archive.py --out "$DATA" --mb "$MB"
BIN=bench/data/denied-aot/denied
if [ ! -x "$BIN" ]; then
  dotnet publish src/Cli -c Release -r linux-x64 -p:PublishAot=true -o bench/data/denied-aot >/dev/null
fi
files=$(find "$DATA" -name '*.json.gz' | sort)

measure() { # name, command...
  local name=$1; shift
  local walls=() rss=()
  for _ in $(seq "$RUNS"); do
    out=$( { /usr/bin/time -f "%e %M" bash -c "$*" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
    walls+=("${out% *}"); rss+=("${out#* }")
  done
  w=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  r=$(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$name|$w|$r"
}

zcat_line=$(measure "zcat > /dev/null (floor)" "zcat $files > /dev/null")
jq_line=$(measure "zcat | jq select denied" "zcat $files | jq -c '.Records[] | select(.errorCode != null and (.errorCode | test(\"AccessDenied|Unauthorized\")))' > /dev/null")
denied_line=$(measure "denied scan --output json" "$BIN scan $DATA --output json --no-progress")

floor=$(echo "$zcat_line" | cut -d'|' -f2)
echo
echo "Archive: $DATA ($(du -sh "$DATA" | cut -f1) compressed, ~${MB} MB uncompressed), median of $RUNS runs, $(nproc) cores"
echo
echo "| command | median wall (s) | peak RSS (MB) | vs zcat | vs jq |"
echo "|---|---|---|---|---|"
jqw=$(echo "$jq_line" | cut -d'|' -f2)
for line in "$zcat_line" "$jq_line" "$denied_line"; do
  IFS='|' read -r name w r <<<"$line"
  printf '| %s | %s | %.0f | %.2fx | %.2fx |\n' "$name" "$w" "$(echo "$r / 1024" | bc -l)" "$(echo "$w / $floor" | bc -l)" "$(echo "$w / $jqw" | bc -l)"
done
