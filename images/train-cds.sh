#!/usr/bin/env bash
# Trains the AppCDS archive of a service image inside that very image, without Docker.
#
#   train-cds.sh IMAGE_TAR ARCHIVE --port VAR... --live VAR:/path [--get VAR:/path]...
#
# IMAGE_TAR is the service image as Jib wrote it (`docker save` format). The script unpacks its layers
# into a temporary rootfs and starts the image's own java there, with the image's own classpath
# (`-cp @/app/jib-classpath-file` and the main class Jib recorded), as uid 65532, in a private mount
# and pid namespace (the way ImageRunsIT runs an image). Each --port VAR gets a free port on
# 127.0.0.1; the service gets a throwaway clusterData file ($CONFIG) and a kubeconfig pointing at a
# closed port. Once `GET /path` on the --live port answers 200 the script sends the --get requests
# (probes, metrics), stops the JVM with SIGTERM, and -XX:ArchiveClassesAtExit writes the archive:
# every class the start, the first requests and the shutdown loaded, from the same JVM and the same
# jars (paths, sizes, Jib's constant timestamps) the final image has. The result is checked with
# -Xshare:on and copied to ARCHIVE, which the service's second Jib build adds as /app/app.jsa.
#
# Needs root (unshare, mount, chroot). Without root it tries an unprivileged user namespace; when
# that is not available either, it prints a WARNING and writes the JDK's own default CDS archive
# instead, so the image starts exactly as it would without an app archive. KSO_CDS_SKIP=true
# (-Dcds.skip) does the same on purpose: a trained archive is the one part of the image that is not
# byte-reproducible (JDK 17 does not dump CDS archives deterministically, and which classes a start
# loads depends on thread timing), the JDK's default archive is. See docs/images.md.
set -euo pipefail
umask 022
export LC_ALL=C

# The chart's JAVA_TOOL_OPTIONS for services (suite: io.kso.suite.process.JvmFlags.SERVICE) with
# the stand-in memory limit of the benchmark. Class loading does not depend on them, but the archive
# records the compressed-oops setting, which these keep the same as in a pod.
TRAIN_FLAGS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss256k -XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=20 -XX:+ExitOnOutOfMemoryError -XX:MaxRAM=256m"
READY_TIMEOUT=${KSO_CDS_READY_TIMEOUT:-300}

die() {
  echo "ERROR: cds: $*" >&2
  exit 1
}
note() { echo "cds: $*"; }

[[ $# -ge 2 ]] || die "usage: train-cds.sh IMAGE_TAR ARCHIVE --port VAR... --live VAR:/path [--get VAR:/path]..."
IMAGE_TAR=$1
ARCHIVE=$2
shift 2
PORT_VARS=()
LIVE=
GETS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) PORT_VARS+=("$2") ;;
    --live) LIVE=$2 ;;
    --get) GETS+=("$2") ;;
    *) die "unknown argument $1" ;;
  esac
  shift 2
done
[[ -n "$LIVE" ]] || die "--live VAR:/path is required"
for url in "$LIVE" "${GETS[@]}"; do
  [[ " ${PORT_VARS[*]} " == *" ${url%%:*} "* && "${url#*:}" == /* ]] ||
    die "$url: expected VAR:/path with VAR one of the --port variables"
done
[[ -f "$IMAGE_TAR" ]] || die "no image at $IMAGE_TAR"

WORK=$(dirname "$IMAGE_TAR")/training
ROOT=$WORK/rootfs
UNSHARE_PID=
API_PID=
kill_training() {
  if [[ -n "$UNSHARE_PID" ]] && kill -0 "$UNSHARE_PID" 2>/dev/null; then
    # unshare --kill-child takes the JVM with it.
    kill -KILL "$UNSHARE_PID" 2>/dev/null || true
    wait "$UNSHARE_PID" 2>/dev/null || true
  fi
  UNSHARE_PID=
  if [[ -n "$API_PID" ]]; then
    kill "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
  API_PID=
}
cleanup() {
  kill_training
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- unpack the image ---------------------------------------------------------------------------
rm -rf "$WORK"
mkdir -p "$WORK/image" "$ROOT"
tar -xf "$IMAGE_TAR" -C "$WORK/image"
manifest=$(tr -d '\n' <"$WORK/image/manifest.json")
config_file=$(sed -E 's/.*"Config":"([^"]*)".*/\1/' <<<"$manifest")
config=$(tr -d '\n' <"$WORK/image/$config_file")
mapfile -t layers < <(sed -E 's/.*"Layers":\[([^]]*)\].*/\1/' <<<"$manifest" | tr ',' '\n' | tr -d '"')
[[ ${#layers[@]} -gt 0 && -n "${layers[0]}" ]] || die "no layers in $IMAGE_TAR"
for layer in "${layers[@]}"; do
  # As root, GNU tar keeps owners and modes; it recognises the gzip of Jib's layers by itself.
  tar --warning=no-unknown-keyword -xf "$WORK/image/$layer" -C "$ROOT"
done
rm -rf "$WORK/image"
[[ -f "$ROOT/app/jib-classpath-file" && -f "$ROOT/app/jib-main-class-file" ]] ||
  die "$IMAGE_TAR has no /app/jib-classpath-file: not a Jib image of a Java app"
MAIN_CLASS=$(tr -d '\n' <"$ROOT/app/jib-main-class-file")

# The image's environment (Jib writes it as one compact "Env":["K=V",...] array).
IMAGE_ENV=()
if [[ "$config" == *'"Env":['* ]]; then
  env_list=$(sed -E 's/.*"Env":\[([^]]*)\].*/\1/' <<<"$config")
  mapfile -t IMAGE_ENV < <(sed -e 's/^"//' -e 's/"$//' -e 's/","/\n/g' <<<"$env_list")
fi

# --- how to run a command in the rootfs -----------------------------------------------------------
# The image has no shell and no coreutils: the environment is set outside, and the tools run from
# the host by absolute path.
BASH=$(command -v bash)
MOUNT=$(command -v mount)
if [[ $(id -u) -eq 0 ]]; then
  MODE=root
  UNSHARE=("$(command -v unshare)" --mount --pid --fork --kill-child)
  CHROOT=("$(command -v chroot)" --userspec=65532:65532)
elif unshare --user --map-root-user --mount --pid --fork true 2>/dev/null; then
  # Not root, but unprivileged user namespaces work: the JVM runs as the namespace's root instead of
  # 65532, which makes no difference to the archive.
  MODE=userns
  UNSHARE=("$(command -v unshare)" --user --map-root-user --mount --pid --fork --kill-child)
  CHROOT=("$(command -v chroot)")
else
  MODE=none
fi

fallback_archive() {
  local default
  default=$(find "$ROOT" -path '*/lib/server/classes.jsa' -type f | head -n 1)
  [[ -n "$default" ]] || die "the image has no default CDS archive to fall back to"
  [[ "$MODE" == skip ]] || echo "WARNING: cds: not root and no user namespaces: $IMAGE_TAR gets the JDK's default CDS archive," \
    "not one trained for the app, and starts about twice as slowly. Build release images as root." >&2
  mkdir -p "$(dirname "$ARCHIVE")"
  cp "$default" "$ARCHIVE"
  rm -f "$IMAGE_TAR"
  exit 0
}
if [[ "${KSO_CDS_SKIP:-}" == true ]]; then
  note "KSO_CDS_SKIP=true: $IMAGE_TAR gets the JDK's default CDS archive (reproducible, slower start)"
  MODE=skip
fi
[[ "$MODE" != none && "$MODE" != skip ]] || fallback_archive

# rootfs_command NAME=VALUE... -- COMMAND...: sets CMD to a command that runs COMMAND in the rootfs
# with exactly the image's environment plus the given variables, and /proc, /dev and a tmpfs /tmp,
# as a container runtime would. env execs unshare, so "$CMD[@]" & gives unshare's pid in $!.
rootfs_command() {
  local -a vars=()
  while [[ "$1" != -- ]]; do
    vars+=("$1")
    shift
  done
  shift
  CMD=(env -i "${IMAGE_ENV[@]}" "${vars[@]}" "${UNSHARE[@]}" "$BASH" -c '
    mount=$1 root=$2; shift 2
    "$mount" -t proc proc "$root/proc" && "$mount" --rbind /dev "$root/dev" &&
      "$mount" -t tmpfs tmpfs "$root/tmp" && exec "$@"' in-rootfs "$MOUNT" "$ROOT"
    "${CHROOT[@]}" "$ROOT" "$@")
}

# --- ports and requests, with bash's /dev/tcp only (the build machine may have no curl) ---------
declare -A PORTS=()
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  for _ in $(seq 100); do
    # Below the kernel's ephemeral range (32768+), so no outgoing connection holds it.
    port=$((20000 + RANDOM % 12000))
    if ! port_in_use "$port" && [[ " ${PORTS[*]} " != *" $port "* ]]; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}
# Prints the HTTP status of GET http://127.0.0.1:PORT/PATH, or nothing.
http_status() {
  timeout 10 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" "$2" >&3
    read -r _ status _ <&3 && echo "$status"
    cat <&3 >/dev/null' http "$1" "$2" 2>/dev/null || true
}
url_of() { echo "${PORTS[${1%%:*}]} ${1#*:}"; } # VAR:/path -> "port path"
java_pid() { # the JVM: unshare's only child (bash exec'd chroot, which exec'd java)
  cat "/proc/$UNSHARE_PID/task/$UNSHARE_PID/children" 2>/dev/null | awk '{print $1}'
}

# --- the cluster the service meets -----------------------------------------------------------------
# As in a pod: a service account (token, CA certificate, namespace) for an API server over TLS, here
# TrainingApiServer.java run by the build's JDK with a certificate keytool makes for 127.0.0.1. The
# training then makes the TLS handshake and the first requests a pod makes, and the archive holds
# their classes (some 450 of the JDK's otherwise). Only for images with the Kubernetes client (the
# others never call the API server); without keytool, a kubeconfig naming a closed port.
HOST_JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
HOST_KEYTOOL=${JAVA_HOME:+$JAVA_HOME/bin/}keytool
CLUSTER_ENV=()
cluster_access() {
  local dir=$ROOT/etc/kso-training/sa port
  mkdir -p "$dir"
  if ! grep -q '/kubernetes-client-api-' "$ROOT/app/jib-classpath-file"; then
    closed_cluster
    return
  fi
  if command -v "$HOST_JAVA" >/dev/null && command -v "$HOST_KEYTOOL" >/dev/null; then
    rm -f "$WORK/api.p12"
    if "$HOST_KEYTOOL" -genkeypair -alias api -keyalg RSA -keysize 2048 -validity 2 \
      -dname CN=127.0.0.1 -ext san=ip:127.0.0.1 -storetype PKCS12 -keystore "$WORK/api.p12" \
      -storepass training -keypass training >/dev/null 2>&1 &&
      "$HOST_KEYTOOL" -exportcert -rfc -alias api -keystore "$WORK/api.p12" -storepass training \
        -file "$dir/ca.crt" >/dev/null 2>&1; then
      port=$(free_port)
      "$HOST_JAVA" "$(dirname "$0")/TrainingApiServer.java" "$port" "$WORK/api.p12" training \
        >"$WORK/api-server.log" 2>&1 &
      API_PID=$!
      local deadline=$((SECONDS + 60))
      until port_in_use "$port"; do
        if ! kill -0 "$API_PID" 2>/dev/null || ((SECONDS > deadline)); then
          tail -n 5 "$WORK/api-server.log" >&2
          die "the training API server did not start"
        fi
        sleep 0.2
      done
      printf 'training-token' >"$dir/token"
      printf 'kubescape' >"$dir/namespace"
      chmod -R a+rX "$dir"
      CLUSTER_ENV=(KUBERNETES_SERVICE_HOST=127.0.0.1 "KUBERNETES_SERVICE_PORT=$port"
        KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN=/etc/kso-training/sa/token
        KUBERNETES_CERTS_CA_FILE=/etc/kso-training/sa/ca.crt
        KUBENAMESPACE=/etc/kso-training/sa/namespace KUBERNETES_AUTH_TRYKUBECONFIG=false)
      note "API server over TLS on port $port"
      return
    fi
  fi
  note "no keytool: the service gets a kubeconfig naming a closed port"
  closed_cluster
}
closed_cluster() {
  cat >"$ROOT/etc/kso-training/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: none, cluster: {server: "http://127.0.0.1:$(free_port)"}}]
users: [{name: none, user: {token: none}}]
contexts: [{name: none, context: {cluster: none, user: none}}]
current-context: none
EOF
  CLUSTER_ENV=(KUBECONFIG=/etc/kso-training/kubeconfig)
}

# --- the training run -----------------------------------------------------------------------------
train() {
  local log=$WORK/training.log var port path status deadline pid start=$SECONDS stop
  for var in "${PORT_VARS[@]}"; do PORTS[$var]=$(free_port); done
  mkdir -p "$ROOT/etc/kso-training" "$ROOT/.cds"
  chmod 1777 "$ROOT/.cds"
  rm -f "$ROOT/.cds/app.jsa"
  # The URLs of the other components name ports nobody listens on: a service then loads what it
  # uses to reach them (clients, the DNS resolver) as it does in a pod, and the archive holds it.
  local peer="127.0.0.1:$(free_port)"
  printf '{"clusterName":"cds-training","accountID":"cds-training","namespace":"kubescape",%s}\n' \
    "$(printf '"%s":"'"$peer"'",' gatewayWebsocketURL gatewayRestURL kubevulnURL vulnScanURL \
      kubescapeURL | sed 's/,$//')" >"$ROOT/etc/kso-training/clusterData.json"
  local -a env=(CONFIG=/etc/kso-training/clusterData.json NAMESPACE=kubescape
    "JAVA_TOOL_OPTIONS=$TRAIN_FLAGS")
  cluster_access
  env+=("${CLUSTER_ENV[@]}")
  for var in "${PORT_VARS[@]}"; do env+=("$var=${PORTS[$var]}"); done
  # -Dspring.aot.enabled=true as in the entrypoint (JvmFlags.AOT): the archive must hold the
  # classes of the AOT start, which is the one the image makes.
  rootfs_command "${env[@]}" -- java -XX:ArchiveClassesAtExit=/.cds/app.jsa \
    -Dspring.aot.enabled=true -cp @/app/jib-classpath-file "$MAIN_CLASS"
  "${CMD[@]}" >"$log" 2>&1 &
  UNSHARE_PID=$!

  read -r port path <<<"$(url_of "$LIVE")"
  deadline=$((SECONDS + READY_TIMEOUT))
  until [[ "$(http_status "$port" "$path")" == 200 ]]; do
    if ! kill -0 "$UNSHARE_PID" 2>/dev/null || ((SECONDS > deadline)); then
      echo "cds: training start of $MAIN_CLASS did not answer $path on $port:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 0.2
  done
  note "live after $((SECONDS - start)) s"
  for get in "${GETS[@]}"; do
    read -r port path <<<"$(url_of "$get")"
    status=$(http_status "$port" "$path")
    note "GET $path -> ${status:-no answer}"
  done
  sleep 2
  pid=$(java_pid)
  [[ -n "$pid" ]] || { echo "cds: no JVM under unshare $UNSHARE_PID" >&2; return 1; }
  kill -TERM "$pid"
  stop=$SECONDS
  deadline=$((SECONDS + 120))
  while kill -0 "$UNSHARE_PID" 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "cds: the JVM did not exit after SIGTERM" >&2; return 1; }
    sleep 0.2
  done
  wait "$UNSHARE_PID" || true
  UNSHARE_PID=
  kill_training
  note "stopped and archived in $((SECONDS - stop)) s"
  if [[ ! -s "$ROOT/.cds/app.jsa" ]]; then
    echo "cds: the JVM exited without writing the archive:" >&2
    tail -n 30 "$log" >&2
    return 1
  fi
}

started=$SECONDS
note "training $MAIN_CLASS in $IMAGE_TAR ($MODE)"
if ! train; then
  kill_training
  note "training failed; one more try with other ports"
  train || die "training run of $MAIN_CLASS failed (log above)"
fi

# The archive must map with the classpath it was made for: -Xshare:on fails instead of falling back.
rootfs_command -- java -XX:SharedArchiveFile=/.cds/app.jsa -Xshare:on -cp @/app/jib-classpath-file -version
if ! "${CMD[@]}" >"$WORK/check.log" 2>&1; then
  cat "$WORK/check.log" >&2
  die "the new archive does not map with -Xshare:on"
fi
mkdir -p "$(dirname "$ARCHIVE")"
cp "$ROOT/.cds/app.jsa" "$ARCHIVE"
rm -f "$IMAGE_TAR" # only made to train in
note "$ARCHIVE ($(($(stat -c %s "$ARCHIVE") / 1048576)) MiB) in $((SECONDS - started)) s"
