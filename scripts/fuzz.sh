#!/usr/bin/env bash
# The long run of the seeded mutation fuzzer (tests/Reliability.Tests/Fuzz): FUZZ_INPUTS fuzzed CloudTrail inputs
# through `denied explain`, `denied scan` and the Detector's handler, and as many fuzzed stream records through the
# Notifier's handler. The test command runs 3,000 of each with the fixed seed; this runs 100,000 of each by default.
#   scripts/fuzz.sh                      # 100,000 inputs of each kind, seed 20261120
#   FUZZ_INPUTS=500000 FUZZ_SEED=7 scripts/fuzz.sh
# Prints the outcome tally (diagnosed / ignored with a reason / rejected with an error) and any violation with the
# mutation that caused it; the same seed replays the same inputs. Needs python3 with moto[server] (scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

export FUZZ_INPUTS=${FUZZ_INPUTS:-100000}
export FUZZ_SEED=${FUZZ_SEED:-20261120}
export FUZZ_REPORT=${FUZZ_REPORT:-$(mktemp -t denied-fuzz.XXXXXX)}
artifacts=${FUZZ_ARTIFACTS:-$(mktemp -d -t denied-fuzz-build.XXXXXX)}

set +e
dotnet test tests/Reliability.Tests --artifacts-path "$artifacts" --filter "FullyQualifiedName~Reliability.Tests.Fuzz" \
  -- RunConfiguration.TestSessionTimeout=0 >/dev/null
status=$?
set -e
cat "$FUZZ_REPORT"
echo
[ $status -eq 0 ] && echo "fuzz: passed (seed $FUZZ_SEED)" || echo "fuzz: FAILED (seed $FUZZ_SEED); report in $FUZZ_REPORT"
exit $status
