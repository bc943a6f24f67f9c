#!/usr/bin/env bash
# Runs every test of the project from a fresh clone: installs the Python tools the integration tests
# talk to (moto's local AWS, cfn-lint with the SAM translator) and Debian's chromium (the HTML report's
# browser test) only where they are missing, then runs
# the whole solution's tests and prints one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${DENIED_PYTHON:-python3}
need=()
"$PYTHON" -c "import moto.server, boto3" 2>/dev/null || need+=("moto[server]>=5,<6" boto3)
"$PYTHON" -c "import cfnlint" 2>/dev/null || need+=("cfn-lint>=1.20")
"$PYTHON" -c "import samtranslator" 2>/dev/null || need+=(aws-sam-translator)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing for the tests: ${need[*]}"
  "$PYTHON" -m pip install --quiet "${need[@]}"
fi

# The HTML report is checked in a real headless browser (tests/Cli.Tests/HtmlBrowserTests.cs): Debian's chromium.
if [ ! -x /usr/bin/chromium ]; then
  echo "installing for the tests: chromium"
  as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq && "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

# The policy evaluator's differential test needs node and the test-only oracle package (tests/PolicyOracle,
# AGPL-3.0, never part of the product); the test fails loudly if either is missing.
if [ ! -d tests/PolicyOracle/node_modules/@cloud-copilot/iam-simulate ]; then
  echo "installing for the tests: @cloud-copilot/iam-simulate (tests/PolicyOracle)"
  npm ci --prefix tests/PolicyOracle --no-audit --no-fund --silent
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Diagnostics.sln -c Release --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# The benchmark inputs' smoke run: the generator and one tiny scan (the benchmarks themselves are not run here).
set +e
bash bench/smoke.sh
smoke=$?
set -e
[ "$smoke" -eq 0 ] && echo "Passed!  - Failed: 0, Passed: 1, Skipped: 0, Total: 1 - bench/smoke.sh" >>"$log" \
                   || echo "Failed!  - Failed: 1, Passed: 0, Skipped: 0, Total: 1 - bench/smoke.sh" >>"$log"

# One summary line over all test assemblies ("Passed!  - Failed: 0, Passed: 85, Skipped: 0, ...").
awk '/(Passed|Failed)! +- +Failed: /{
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
[ "$status" -eq 0 ] && [ "$smoke" -eq 0 ]
