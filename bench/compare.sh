#!/usr/bin/env bash
# Whole-run comparison on a generated archive: `denied scan` (full diagnosis and aggregation, the AOT binary)
# against the floor (`zcat > /dev/null`) and what a user scripts today (`zcat | jq` selecting the denied records).
# Runs the three commands interleaved RUNS times (so a burst of load on a shared machine hits all three alike),
# and prints a markdown table of medians: wall seconds, CPU seconds (user+sys, steadier on a busy machine),
# peak RSS, and the ratios. Then peak RSS of `denied scan` at a second, larger size (it must stay flat).
#   bash bench/compare.sh [MB=200] [RUNS=5] [BIG_MB=2048]      (BIG_MB=0 skips the memory row)
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
for _ in $(seq "$RUNS"); do
  once "$list.zcat" "$ZCAT"
  once "$list.jq" "$JQ"
  once "$list.scan" "$SCAN"
done

col() { cut -d' ' -f"$2" "$list.$1" | median; }
zw=$(col zcat 1); zc=$(col zcat 2); jw=$(col jq 1); jc=$(col jq 2)
echo
echo "Archive: $DATA, $(wc -l <"$list") files, $records records, $(du -sh "$DATA" | cut -f1) gzip, ~${MB} MB uncompressed; median of $RUNS interleaved runs; $(nproc) cores; load average at start $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "| command | wall (s) | CPU user+sys (s) | peak RSS (MB) | wall vs zcat | wall vs jq | CPU vs zcat | CPU vs jq |"
echo "|---|---|---|---|---|---|---|---|"
for row in "zcat:\`zcat > /dev/null\` (floor)" "jq:\`zcat | jq\` select denied records" "scan:\`denied scan --output json\` (AOT)"; do
  key=${row%%:*}; name=${row#*:}
  w=$(col "$key" 1); c=$(col "$key" 2); r=$(col "$key" 3)
  awk -v n="$name" -v w="$w" -v c="$c" -v r="$r" -v zw="$zw" -v zc="$zc" -v jw="$jw" -v jc="$jc" \
    'BEGIN {printf "| %s | %.2f | %.2f | %.0f | %.2fx | %.2fx | %.2fx | %.2fx |\n", n, w, c, r/1024, w/zw, w/jw, c/zc, c/jc}'
done

if [ "$BIG_MB" != 0 ]; then
  BIG=$(archive "$BIG_MB")
  small=$(col scan 3)
  big=$( { for _ in 1 2 3; do /usr/bin/time -f "%M" "$BIN" scan "$BIG" --output json --no-progress >/dev/null 2>"$list.big.err" || true; tail -1 "$list.big.err"; done; } | median)
  echo
  echo "| \`denied scan\` peak RSS | ${MB} MB archive | ${BIG_MB} MB archive | ratio |"
  echo "|---|---|---|---|"
  awk -v s="$small" -v b="$big" 'BEGIN {printf "| median | %.1f MB | %.1f MB | %.2fx |\n", s/1024, b/1024, b/s}'
fi
