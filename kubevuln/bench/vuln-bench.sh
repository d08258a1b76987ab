#!/usr/bin/env bash
# Vulnerability-matching benchmark: generate OSV records and an SBOM, import, scan (three times).
# Usage: kubevuln/bench/vuln-bench.sh [OUT_DIR]    (RECORDS, PACKAGES, SCAN_JVM override defaults)
# Needs the jar (./mvnw -B -q -pl kubevuln -am -Djib.skip -DskipTests package) and /usr/bin/time.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$ROOT/kubevuln/target/vuln-bench}
RECORDS=${RECORDS:-200000}
PACKAGES=${PACKAGES:-2000}
SCAN_JVM=${SCAN_JVM:--Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
JAR=$ROOT/kubevuln/target/kubevuln.jar
[ -f "$JAR" ] || { echo "no $JAR: build it first (see docs/vulnerability-matching.md)" >&2; exit 2; }

if [ ! -f "$OUT/osv-bench.zip" ] || [ "${REGENERATE:-0}" = 1 ]; then
  java "$ROOT/kubevuln/src/test/java/io/kso/kubevuln/bench/OsvBenchData.java" "$OUT" "$RECORDS" "$PACKAGES"
fi
/usr/bin/time -f "import: wall %e s, CPU %U s user + %S s sys, max RSS %M KiB" \
  java -Xmx256m -XX:+UseSerialGC -jar "$JAR" db import --replace --db "$OUT/db" "$OUT/osv-bench.zip"
for run in 1 2 3; do
  # shellcheck disable=SC2086
  /usr/bin/time -f "scan $run: wall %e s, CPU %U s user + %S s sys, max RSS %M KiB" \
    java $SCAN_JVM -jar "$JAR" scan --db "$OUT/db" --max-age 3650d --stats --format json \
    "$OUT/sbom.json" > "$OUT/report.json"
done
# The same, with matching repeated in one JVM: the last of ten is a warm (service-like) match.
# shellcheck disable=SC2086
java $SCAN_JVM -jar "$JAR" scan --db "$OUT/db" --max-age 3650d --stats --repeat 9 --format json \
  "$OUT/sbom.json" > /dev/null
