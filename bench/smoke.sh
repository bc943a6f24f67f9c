#!/usr/bin/env bash
# Smoke run of the benchmark inputs, for the test command: the generator at ~2 MB, twice (same bytes: it is
# deterministic), and one tiny `denied scan` of it that must find denials and count every record.
#   bash bench/smoke.sh          (ARTIFACTS=path to keep builds out of the tree; default a temp folder)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
art=${ARTIFACTS:-$work/artifacts}

python3 bench/generate_archive.py --out "$work/a" --mb 2 --records-per-file 500 >/dev/null
python3 bench/generate_archive.py --out "$work/b" --mb 2 --records-per-file 500 >/dev/null
diff -r "$work/a" "$work/b" >/dev/null || { echo "smoke: the generator is not deterministic" >&2; exit 1; }
files=$(find "$work/a/AWSLogs" -name '*.json.gz' | wc -l)
records=$(find "$work/a/AWSLogs" -name '*.json.gz' -exec zcat {} + | python3 -c 'import sys, json; d = json.JSONDecoder(); s = sys.stdin.read(); i = n = 0
while i < len(s):
    o, i = d.raw_decode(s, i); n += len(o["Records"])
print(n)')
[ "$files" -gt 0 ] && [ "$records" -gt 0 ] || { echo "smoke: the generator wrote no records" >&2; exit 1; }

set +e
dotnet run --project src/Cli -c Release --artifacts-path "$art" -- scan "$work/a" --output json --no-progress >"$work/scan.json" 2>"$work/scan.err"
rc=$?
set -e
# 1: denials found (the generator writes a few percent of them); anything else is a failure.
[ "$rc" -eq 1 ] || { echo "smoke: denied scan exited $rc (expected 1, denials found)" >&2; cat "$work/scan.err" >&2; exit 1; }
python3 - "$work/scan.json" "$files" "$records" <<'PY'
import json, sys
out = json.load(open(sys.argv[1]))
stats, files, records = out["stats"], int(sys.argv[2]), int(sys.argv[3])
problems = []
if stats["files"] != files: problems.append(f"files {stats['files']} != {files}")
if stats["records"] != records: problems.append(f"records {stats['records']} != {records}")
if stats["errors"]: problems.append(f"errors: {stats['errors'][:3]}")
if not out["findings"]: problems.append("no findings")
if stats["denied"] < records * 0.01: problems.append(f"only {stats['denied']} denials of {records} records")
if problems:
    sys.exit("smoke: " + "; ".join(problems))
print(f"smoke: ok, {files} files, {records} records, {stats['denied']} denials, {len(out['findings'])} findings")
PY
