#!/usr/bin/env bash
# Many kill -9 cycles of a real server under load, checked after each restart (CrashRecoveryProcessTest):
# every acknowledged order and fill is journaled, trades have no gap or duplicate, the recovered digest is the
# journal's, `journal verify` passes, and at the end the open orders are exactly those the journal says.
#
#   perf/crash-cycles.sh [CYCLES] [SEED]      default 50 cycles, a fresh seed (printed)
set -euo pipefail
cd "$(dirname "$0")/.."
cycles="${1:-50}"
seed="${2:-$(date +%s%N)}"
echo "crash cycles: ${cycles}, seed ${seed}"
log="target/crash-cycles-${seed}.log"
mkdir -p target
status=0
mvn -B -ntp -pl gateway-tcp -am verify \
    -Dtest=CrashRecoveryProcessTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dmatchpoint.crash.cycles="${cycles}" -Dmatchpoint.crash.seed="${seed}" \
    -DtrimStackTrace=false -Dsurefire.useFile=false >"${log}" 2>&1 || status=$?
grep -E "^cycle |CrashRecoveryProcessTest seed|Tests run:|FAIL" "${log}" || true
if [[ ${status} -ne 0 ]]; then
    echo "FAILED (exit ${status}); full log: ${log}; rerun with: $0 ${cycles} ${seed}"
fi
exit "${status}"
