#!/usr/bin/env bash
# Cold start of each Lambda bootstrap, Native AOT against the same project published framework-dependent (JIT):
# time from process start to the first invocation's response at a loopback Runtime API (AWS calls answered on
# loopback too), and peak RSS. Publishes into bench/data/ (gitignored) on first use; REBUILD=1 republishes.
#   bash bench/coldstart.sh [RUNS=7] [FUNCTIONS="Detector Notifier"]
set -euo pipefail
cd "$(dirname "$0")/.."
export RUNS=${1:-7}
FUNCTIONS=${2:-Detector Notifier}
args=()
for fn in $FUNCTIONS; do
  lower=$(echo "$fn" | tr '[:upper:]' '[:lower:]')
  for mode in aot jit; do
    out=bench/data/$lower-$mode
    # The executable is named after its project; the Makefile copies it as bootstrap for Lambda.
    if [ ! -x "$out/$fn" ] || [ "${REBUILD:-0}" = 1 ]; then
      if [ $mode = aot ]; then
        dotnet publish "src/$fn" -c Release -r linux-x64 -p:PublishAot=true --artifacts-path "bench/data/artifacts-$lower-aot" -o "$out" >&2
      else
        dotnet publish "src/$fn" -c Release -r linux-x64 -p:PublishAot=false --self-contained false --artifacts-path "bench/data/artifacts-$lower-jit" -o "$out" >&2
      fi
    fi
    args+=("$lower-$mode=$out/$fn")
    # The Detector as deployed by default (the template's ReadPolicies=true) beside it.
    [ "$fn" != Detector ] || [ $mode != aot ] || args+=("$lower-$mode+read-policies=$out/$fn")
  done
done
dotnet run -c Release --project bench/Denied.Benchmarks --artifacts-path bench/data/artifacts-bench -- coldstart "${args[@]}"
