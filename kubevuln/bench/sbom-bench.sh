#!/usr/bin/env bash
# SBOM benchmark (docs/sbom.md): builds a >= 1 GiB image (make-bench-image.py), pushes it to
# Debian's docker-registry on 127.0.0.1, then times, in the same run,
#   baseline: curl every layer blob | gunzip > /dev/null   (download + decompress, nothing else)
#   sbom:     java -jar kubevuln.jar sbom <ref>            (with its wall time and peak RSS)
# Targets: sbom peak RSS <= 200 MiB; sbom time <= 2x baseline.
#
# Usage: kubevuln/bench/sbom-bench.sh [--scale S] [--rounds N] [--work DIR] [--extracted]
#   --extracted: run the jar as Boot's `extract` lays it out (a plain class path, as in the image)
#                instead of the fat jar's nested-jar class loader
# Env:   JVM_FLAGS (default: the chart's serial GC and C1 only, 64 MiB heap), KUBEVULN_JAR
# Needs: docker-registry, curl, python3, /usr/bin/time (apt-get install -y docker-registry curl
#        python3 time); the jar: ./mvnw -B -q -pl kubevuln -am -Djib.skip -DskipTests package
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scale=1.0 rounds=2 work=/tmp/kso-sbom-bench extracted=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --extracted) extracted=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
jar="${KUBEVULN_JAR:-$root/kubevuln/target/kubevuln.jar}"
jvm_flags="${JVM_FLAGS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k -Xmx64m -XX:+ExitOnOutOfMemoryError}"
for tool in docker-registry curl python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (see the header of $0)" >&2; exit 2; }
done
[[ -f "$jar" ]] || { echo "no $jar: build it first (see the header of $0)" >&2; exit 2; }
if $extracted; then
  rm -rf "$work/extracted" && mkdir -p "$work"
  java -Djarmode=tools -jar "$jar" extract --destination "$work/extracted" >/dev/null
  jar="$work/extracted/$(basename "$jar")"
fi

image="$work/image-$scale"
if [[ ! -f "$image/summary.json" ]]; then
  echo "building the benchmark image (scale $scale) in $image ..."
  rm -rf "$image"
  python3 "$here/make-bench-image.py" "$image" "$scale" >/dev/null
fi
summary="$image/summary.json"
json() { python3 -c "import json,sys; print(json.load(open('$summary'))$1)"; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
reg="$work/registry-$port"
mkdir -p "$reg"
cat > "$reg/config.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $reg/storage
http:
  addr: 127.0.0.1:$port
YAML
docker-registry serve "$reg/config.yml" > "$reg/registry.log" 2>&1 &
registry_pid=$!
cleanup() { kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; rm -rf "$reg"; }
trap cleanup EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done

base="http://127.0.0.1:$port/v2/bench/big"
push_blob() {  # digest
  local location
  location=$(curl -sfi -X POST "$base/blobs/uploads/" | tr -d '\r' | awk 'tolower($1)=="location:"{print $2}')
  case "$location" in http*) ;; *) location="http://127.0.0.1:$port$location" ;; esac
  curl -sf -X PUT -H 'Content-Type: application/octet-stream' \
    --data-binary "@$image/oci/blobs/sha256/${1#sha256:}" "$location&digest=$1" >/dev/null
}
echo "pushing to 127.0.0.1:$port ..."
for d in $(json "['layers']" | tr -d "[]',") $(json "['config']"); do push_blob "$d"; done
manifest=$(json "['manifest']")
curl -sf -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' \
  --data-binary "@$image/oci/blobs/sha256/${manifest#sha256:}" "$base/manifests/1" >/dev/null
ref="127.0.0.1:$port/bench/big:1"

baseline() {  # prints "wall_seconds cpu_seconds" of downloading and gunzipping every layer
  /usr/bin/time -f "%e %U %S" -o "$work/base.txt" bash -c '
    for d in "$@"; do curl -sf "'"$base"'/blobs/$d" | gunzip > /dev/null; done' _ \
    $(json "['layers']" | tr -d "[]',")
  read -r e u s < "$work/base.txt"
  python3 -c "print(f'{$e:.2f} {$u + $s:.2f}')"
}
sbom() {  # prints "wall_seconds peak_rss_kib cpu_seconds"
  # shellcheck disable=SC2086
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" java $jvm_flags -jar "$jar" sbom "$ref" \
    --insecure-registry --output "$work/sbom.json"
  read -r e m u s < "$work/time.txt"
  python3 -c "print(f'{$e:.2f} $m {$u + $s:.2f}')"
}

echo "image: $(json "['files']") files, $(json "['uncompressed_bytes']") bytes uncompressed, $(json "['compressed_bytes']") compressed"
echo "JVM flags: $jvm_flags; jar: $jar"
baseline >/dev/null  # warm the page cache and the registry
best_base=999999 best_sbom=999999 peak=0 base_cpu=0 sbom_cpu=0
for round in $(seq "$rounds"); do
  read -r b bc < <(baseline)
  read -r s rss_kib sc < <(sbom)
  echo "round $round: baseline ${b}s (cpu ${bc}s)  sbom ${s}s (cpu ${sc}s, $(python3 -c "print(f'{$s / $b:.2f}')")x)  peak RSS $((rss_kib / 1024)) MiB"
  if python3 -c "import sys; sys.exit(0 if $b < $best_base else 1)"; then best_base=$b base_cpu=$bc; fi
  if python3 -c "import sys; sys.exit(0 if $s < $best_sbom else 1)"; then best_sbom=$s sbom_cpu=$sc; fi
  peak=$(( rss_kib > peak ? rss_kib : peak ))
done
packages=$(python3 -c "import json; print(len([c for c in json.load(open('$work/sbom.json'))['components'] if c['type']=='library']))")
ratio=$(python3 -c "print(f'{$best_sbom / $best_base:.2f}')")
echo "packages found: $packages"
echo "load average at the end:       $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"
echo "best baseline (curl | gunzip): ${best_base}s wall, ${base_cpu}s cpu"
echo "best sbom:                     ${best_sbom}s wall, ${sbom_cpu}s cpu  (${ratio}x baseline; target <= 2x)"
echo "peak RSS of sbom:              $((peak / 1024)) MiB (target <= 200 MiB)"
