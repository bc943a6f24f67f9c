#!/usr/bin/env bash
# Whole-run comparison on a generated archive: `denied scan` (full diagnosis and aggregation, the AOT binary)
# against the floor (`zcat > /dev/null`) and what a user scripts today (`zcat | jq` selecting the denied records).
# Runs the three commands interleaved RUNS times (so a burst of load on a shared machine hits all three alike),
# and prints a markdown table of medians: wall seconds, CPU seconds (user+sys, steadier on a busy machine),
# peak RSS, and the ratios. Then peak RSS of `denied scan` at a second, larger size (it must stay flat).
#   bash bench/compare.sh [MB=200] [RUNS=5] [BIG_MB=2048]      (BIG_MB=0 skips the memory row)
# BASELINE=path/to/denied adds that binary's scan as a fourth command in the same interleaved runs (a before/after
# in one table, e.g. a build of the base commit), and its peak RSS at BIG_MB beside this one's.
# Then the performance issue's scan targets, each with the figure measured here and whether it is met.
# Inputs are generated into bench/data/ (gitignored) on first use; REBUILD=1 republishes the CLI.
# Uses /usr/bin/time for every measurement (hyperfine is not needed).
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-200}
RUNS=${2:-5}
BIG_MB=${3:-2048}
BIN=bench/data/denied-aot/denied
[ -x /usr/bin/time ] || { echo "compare.sh needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
command -v jq >/dev/null || { echo "compare.sh needs jq" >&2; exit 2; }

archive() { # MB -> folder, generated once
  local dir=bench/data/${1}mb
  [ -d "$dir/AWSLogs" ] || python3 bench/generate_archive.py --out "$dir" --mb "$1" >&2
  echo "$dir"
}
if [ ! -x "$BIN" ] || [ "${REBUILD:-0}" = 1 ]; then
  dotnet publish src/Cli -c Release -r linux-x64 -p:PublishAot=true --artifacts-path bench/data/artifacts -o bench/data/denied-aot >&2
fi

DATA=$(archive "$MB")
list=$(mktemp); trap 'rm -f "$list" "$list".*' EXIT
find "$DATA" -name '*.json.gz' | sort >"$list"
records=$(cat "$list" | xargs zcat | jq '.Records | length' | awk '{s+=$1} END {print s}')

once() { # out-file, command: appends "wall cpu rss_kb"
  local out=$1; shift
  # exit 1 is `denied scan` reporting denials found, the expected outcome here
  /usr/bin/time -f "%e %U %S %M" -o "$out.t" bash -c "$*" >/dev/null 2>"$out.err" || [ $? -eq 1 ] || { echo "failed: $*" >&2; cat "$out.err" >&2; exit 1; }
  tail -1 "$out.t" >"$out.t1"; mv "$out.t1" "$out.t"
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$out.t" >>"$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

ZCAT="xargs zcat < $list > /dev/null"
JQ="xargs zcat < $list | jq -c '.Records[] | select(.errorCode != null and (.errorCode | test(\"AccessDenied|Unauthorized|Forbidden\")))' > /dev/null"
SCAN="$BIN scan $DATA --output json --no-progress > /dev/null"
BASE=${BASELINE:-}
for _ in $(seq "$RUNS"); do
  once "$list.zcat" "$ZCAT"
  once "$list.jq" "$JQ"
  once "$list.scan" "$SCAN"
  [ -z "$BASE" ] || once "$list.base" "$BASE scan $DATA --output json --no-progress > /dev/null"
done

col() { cut -d' ' -f"$2" "$list.$1" | median; }
zw=$(col zcat 1); zc=$(col zcat 2); jw=$(col jq 1); jc=$(col jq 2)
echo
echo "Archive: $DATA, $(wc -l <"$list") files, $records records, $(du -sh "$DATA" | cut -f1) gzip, ~${MB} MB uncompressed; median of $RUNS interleaved runs; $(nproc) cores; load average at start $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "| command | wall (s) | CPU user+sys (s) | peak RSS (MB) | wall vs zcat | wall vs jq | CPU vs zcat | CPU vs jq |"
echo "|---|---|---|---|---|---|---|---|"
rows=("zcat:\`zcat > /dev/null\` (floor)" "jq:\`zcat \\\\| jq\` select denied records" "scan:\`denied scan --output json\` (AOT)")
[ -z "$BASE" ] || rows+=("base:\`denied scan --output json\`, baseline binary")
for row in "${rows[@]}"; do
  key=${row%%:*}; name=${row#*:}
  w=$(col "$key" 1); c=$(col "$key" 2); r=$(col "$key" 3)
  awk -v n="$name" -v w="$w" -v c="$c" -v r="$r" -v zw="$zw" -v zc="$zc" -v jw="$jw" -v jc="$jc" \
    'BEGIN {printf "| %s | %.2f | %.2f | %.0f | %.2fx | %.2fx | %.2fx | %.2fx |\n", n, w, c, r/1024, w/zw, w/jw, c/zc, c/jc}'
done

sw=$(col scan 1); sc=$(col scan 2)
echo
echo "Targets (scan rows of the performance issue), from the medians above:"
awk -v sc="$sc" -v zc="$zc" -v sw="$sw" -v zw="$zw" -v jw="$jw" 'function v(ok) {return ok ? "met" : "missed"} BEGIN {
  printf "- CPU vs single-core zcat <= 1.0x: %.2fx, %s\n", sc/zc, v(sc/zc <= 1.0)
  printf "- wall vs zcat <= 0.6x: %.2fx, %s\n", sw/zw, v(sw/zw <= 0.6)
  printf "- wall at least 8x faster than zcat | jq: %.1fx, %s\n", jw/sw, v(jw/sw >= 8) }'

if [ "$BIG_MB" != 0 ]; then
  BIG=$(archive "$BIG_MB")
  peak() { # binary -> median peak RSS (KB) of 3 scans of the big archive
    for _ in 1 2 3; do /usr/bin/time -f "%M" "$1" scan "$BIG" --output json --no-progress >/dev/null 2>"$list.big.err" || true; tail -1 "$list.big.err"; done | median
  }
  small=$(col scan 3)
  big=$(peak "$BIN")
  echo
  echo "| \`denied scan\` peak RSS | ${MB} MB archive | ${BIG_MB} MB archive | ratio |"
  echo "|---|---|---|---|"
  awk -v s="$small" -v b="$big" 'BEGIN {printf "| median | %.1f MB | %.1f MB | %.2fx |\n", s/1024, b/1024, b/s}'
  if [ -n "$BASE" ]; then
    bsmall=$(col base 3); bbig=$(peak "$BASE")
    awk -v s="$bsmall" -v b="$bbig" 'BEGIN {printf "| median, baseline binary | %.1f MB | %.1f MB | %.2fx |\n", s/1024, b/1024, b/s}'
  fi
  # The target allows 10% plus 48 bytes for each distinct denial the larger archive counts beyond the smaller one
  # (each is kept to count its eventID once): the counts are the findings' counts in the JSON output.
  counted() { # exit 1 is denials found, as above
    "$BIN" scan "$1" --output json --no-progress 2>/dev/null | python3 -c 'import json,sys; print(sum(f["count"] for f in json.load(sys.stdin)["findings"]))' || true; }
  nsmall=$(counted "$DATA"); nbig=$(counted "$BIG")
  awk -v s="$small" -v b="$big" -v ns="$nsmall" -v nb="$nbig" 'BEGIN {
    allowed = 1.10 * s + 48 * (nb - ns) / 1024
    printf "- peak RSS at %s MB within 10%% of that at %s MB plus 48 bytes per distinct counted denial (%d vs %d counted: %.1f MB allowed): %.1f MB (%.2fx), %s\n", '"$BIG_MB"', '"$MB"', nb, ns, allowed/1024, b/1024, b/s, (b <= allowed ? "met" : "missed") }'
fi
