#!/usr/bin/env bash
# Builds the suite's distroless base image from pinned Debian bookworm packages, without Docker.
#
#   build-base-image.sh OUTPUT_TAR     build the image (or reuse the cached one) and copy it to OUTPUT_TAR
#   build-base-image.sh --refresh-pins rewrite debian-packages.lock with today's candidate versions
#
# The output is a `docker save` tar with ONE layer (a Debian JRE 17, CA certificates, tzdata, user
# nonroot 65532:65532, no shell at all) that Jib takes as `tar://` base. Needs apt-get, apt-cache,
# dpkg-deb, GNU tar, sha256sum and a JDK (java) on the build machine, and an up-to-date apt index
# (`apt-get update`). Root is not needed to build; as root, java -version is also run in the rootfs.
#
# Refreshing the pins: `apt-get update && images/build-base-image.sh --refresh-pins`, then review the
# diff of images/debian-packages.lock and commit it. A pin the mirror no longer serves (Debian keeps
# only the newest version of a package in a suite) is replaced by today's candidate with a
# "WARNING: base image pin drift" line, so a build on a later day still works.
set -euo pipefail
umask 022
export LC_ALL=C

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF="$HERE/$(basename "${BASH_SOURCE[0]}")"
LOCK="$HERE/debian-packages.lock"
JVM=/usr/lib/jvm/java-17-openjdk-amd64
# Packages of which only the listed paths go into the image (the rest of libc-bin is tools we do not want).
declare -A PARTIAL=([libc-bin]="usr/lib/locale/C.utf8")
# Libraries of the JRE that only font, sound, image-codec and smart-card features load: their
# dependencies (freetype, harfbuzz, alsa, libjpeg, lcms2, pcsclite) are deliberately left out.
DESKTOP_LIBS="libfontmanager.so libjavajpeg.so libjsound.so liblcms.so libj2pcsc.so"

die() {
  echo "ERROR: $*" >&2
  exit 1
}

require_apt() {
  local tool
  for tool in apt-get apt-cache dpkg-deb; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found. The base image is built from Debian packages \
and needs a Debian/Ubuntu build machine with apt. Skip all images with -Djib.skip, or build on a public \
base with -Dbase.image=gcr.io/distroless/java17-debian12:nonroot."
  done
}

# "pkg version" lines: today's candidate of each package (one apt-cache call: each call rebuilds apt's
# cache when the machine keeps none, which costs a second).
candidates() {
  apt-cache policy "$@" 2>/dev/null | awk '/^[^ ].*:$/ {pkg = substr($0, 1, length($0) - 1)}
    /^  Candidate:/ && $2 != "(none)" {print pkg, $2}'
}

pinned_packages() {
  grep -Ev '^[[:space:]]*(#|$)' "$LOCK"
}

refresh_pins() {
  require_apt
  local tmp line pkg
  local -a names
  local -A cand=()
  mapfile -t names < <(pinned_packages | cut -d= -f1)
  while read -r pkg line; do cand[$pkg]=$line; done < <(candidates "${names[@]}")
  tmp=$(mktemp)
  while IFS= read -r line; do
    case "$line" in
      '' | '#'*) echo "$line" ;;
      *)
        pkg=${line%%=*}
        [[ -n "${cand[$pkg]:-}" ]] || die "no candidate for $pkg: run apt-get update first"
        echo "$pkg=${cand[$pkg]}"
        ;;
    esac
  done <"$LOCK" >"$tmp"
  mv "$tmp" "$LOCK"
  echo "Refreshed $LOCK:"
  cat "$LOCK"
}

# Downloads every pinned package into $1. A pin the mirror no longer lists (apt-cache madison shows
# only versions in the configured suites, not the installed one) falls back to today's candidate.
download_packages() {
  local dir=$1 entry pkg ver
  local -a names specs=() sandbox=()
  local -A available=() cand=()
  mapfile -t names < <(pinned_packages | cut -d= -f1)
  while read -r pkg ver; do available["$pkg=$ver"]=1; done < <(apt-cache madison "${names[@]}" |
    awk -F' *[|] *' '/Packages$/ {sub(/^ +/, "", $1); print $1, $2}')
  while read -r pkg ver; do cand[$pkg]=$ver; done < <(candidates "${names[@]}")
  while IFS= read -r entry; do
    pkg=${entry%%=*}
    ver=${entry#*=}
    if [[ -z "${available[$entry]:-}" ]]; then
      [[ -n "${cand[$pkg]:-}" ]] || die "package $pkg is unknown to apt: run apt-get update"
      echo "WARNING: base image pin drift: $pkg $ver -> ${cand[$pkg]} (run images/build-base-image.sh --refresh-pins)" |
        tee -a "$dir/../drift.txt" >&2
      ver=${cand[$pkg]}
    fi
    specs+=("$pkg=$ver")
  done < <(pinned_packages)
  # As root, apt's download sandbox user (_apt) cannot write into our private temp dir; stay root.
  [[ $EUID -ne 0 ]] || sandbox=(-o APT::Sandbox::User=root)
  (cd "$dir" && apt-get download -q "${sandbox[@]}" "${specs[@]}") || die "apt-get download failed"
}

# Unpacks the packages with dpkg-deb -x (no maintainer scripts run) and records them in
# /var/lib/dpkg/status.d/ as distroless does, so image scanners still see which packages are inside.
unpack_packages() {
  local debs=$1 root=$2 deb pkg part
  mkdir -p "$root/var/lib/dpkg/status.d"
  for deb in "$debs"/*.deb; do
    pkg=$(dpkg-deb -f "$deb" Package)
    if [[ -n "${PARTIAL[$pkg]:-}" ]]; then
      part=$(mktemp -d)
      dpkg-deb -x "$deb" "$part"
      # shellcheck disable=SC2086 # a space-separated list of paths
      (cd "$part" && cp -a --parents ${PARTIAL[$pkg]} "$root/")
      rm -rf "$part"
    else
      dpkg-deb -x "$deb" "$root"
    fi
    dpkg-deb -f "$deb" >"$root/var/lib/dpkg/status.d/$pkg"
  done
}

# Drops what a JVM service never reads: docs (copyright files stay), man/info pages, lintian and
# debugger data, iconv modules, javac's ct.sym, and shell scripts that cannot run without a shell.
slim_rootfs() {
  local root=$1
  find "$root/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$root"/usr/share/{man,info,lintian,gdb,gcc,binfmts} "$root/usr/lib/debug" \
    "$root/usr/lib/x86_64-linux-gnu/gconv" "$root$JVM/man" "$root$JVM/lib/ct.sym" \
    "$root/usr/sbin/update-ca-certificates" "$root/etc/ca-certificates" "$root/etc/update-motd.d"
}

# No shell at all: remove any a package brought, then prove none is left.
remove_shells() {
  local root=$1 found
  find "$root" \( -name sh -o -name bash -o -name dash -o -name ash -o -name zsh -o -name busybox \) \
    ! -type d -print -delete | sed 's/^/removed shell: /'
  found=$(find "$root" \( -name sh -o -name bash -o -name dash -o -name ash -o -name zsh -o -name busybox \) ! -type d)
  [[ -z "$found" ]] || die "shell still present: $found"
}

# Users, name service, home and /tmp of a distroless non-root image.
write_system_files() {
  local root=$1
  ln -sf "$JVM/bin/java" "$root/usr/bin/java"
  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
nobody:x:65534:
nonroot:x:65532:
EOF
  # Without nsswitch.conf glibc asks DNS before /etc/hosts.
  cat >"$root/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
hosts: files dns
networks: files
protocols: files
services: files
EOF
  mkdir -p "$root/home/nonroot" "$root/tmp"
  chmod 0755 "$root/home/nonroot"
  chmod 1777 "$root/tmp"
}

# PEM bundle for OpenSSL/curl-style clients, and the JVM's cacerts (lib/security/cacerts links to
# /etc/ssl/certs/java/cacerts), written by the host JDK as PKCS12 without cert encryption and MAC:
# a default PKCS12 leaves the JVM, which opens cacerts without a password, with zero trusted certs.
write_ca_certificates() {
  local root=$1 work=$2 java=${JAVA_HOME:+$JAVA_HOME/bin/}java
  mkdir -p "$root/etc/ssl/certs/java"
  find "$root/usr/share/ca-certificates" -name '*.crt' | sort | while IFS= read -r crt; do
    cat "$crt"
    [[ -z "$(tail -c1 "$crt")" ]] || echo
  done >"$root/etc/ssl/certs/ca-certificates.crt"
  rm -rf "$root/usr/share/ca-certificates"
  cat >"$work/CaCerts.java" <<'EOF'
import java.io.*;
import java.security.KeyStore;
import java.security.cert.*;
import java.util.Collections;

public class CaCerts {
  public static void main(String[] args) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    int n = 0;
    try (InputStream in = new FileInputStream(args[0])) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry(String.format("ca-%03d", n++), c);
      }
    }
    try (OutputStream out = new FileOutputStream(args[1])) {
      ks.store(out, "changeit".toCharArray());
    }
    KeyStore check = KeyStore.getInstance("PKCS12"); // opened like the JVM does: no password
    try (InputStream in = new FileInputStream(args[1])) {
      check.load(in, null);
    }
    long trusted = Collections.list(check.aliases()).stream()
        .filter(a -> { try { return check.isCertificateEntry(a); } catch (Exception e) { return false; } })
        .count();
    System.out.println("cacerts: " + trusted + " trusted certificates");
    if (trusted < 100) throw new IllegalStateException("cacerts holds only " + trusted + " certificates");
  }
}
EOF
  "$java" -Dkeystore.pkcs12.certProtectionAlgorithm=NONE -Dkeystore.pkcs12.macAlgorithm=NONE \
    "$work/CaCerts.java" "$root/etc/ssl/certs/ca-certificates.crt" "$root/etc/ssl/certs/java/cacerts" ||
    die "could not write the Java cacerts (needs a JDK: set JAVA_HOME)"
}

# Every native library the JRE links (desktop ones aside) must resolve inside the rootfs: ask the
# rootfs' own dynamic loader, restricted to the rootfs' library directories. NSS's software token,
# which the JRE's PKCS#11 provider loads at run time (kubevuln hashes layers with it), too.
check_libraries() {
  local root=$1 lib missing=""
  local path="$root/lib/x86_64-linux-gnu:$root/usr/lib/x86_64-linux-gnu:$root$JVM/lib:$root$JVM/lib/server"
  for lib in "$root$JVM/bin/java" "$root$JVM/bin/keytool" "$root$JVM/lib/server/libjvm.so" "$root$JVM"/lib/*.so \
    "$root"/usr/lib/x86_64-linux-gnu/{libnss3,libsoftokn3,libfreeblpriv3}.so; do
    [[ " $DESKTOP_LIBS " != *" $(basename "$lib") "* ]] || continue
    missing+=$("$root/lib64/ld-linux-x86-64.so.2" --library-path "$path" --list "$lib" |
      awk -v r="$root" -v f="${lib#"$root"}" '/=>/ && !/ld-linux/ && index($3, r) != 1 {print "  " f ": " $1}')
  done
  [[ -z "$missing" ]] || die "libraries missing from the rootfs:
$missing"
}

# As root, start the JRE in the rootfs as nonroot, with /proc and a throwaway /tmp mounted in a private
# mount and pid namespace (so nothing it writes ends up in the image).
smoke_test() {
  local root=$1
  if [[ $EUID -ne 0 ]] || ! unshare --mount --pid --fork true 2>/dev/null; then
    echo "NOTE: java -version smoke test skipped (needs root and unshare)"
    return
  fi
  # shellcheck disable=SC2016 # $1 expands in the inner bash
  unshare --mount --pid --fork bash -c 'mount -t proc proc "$1/proc" && mount -t tmpfs tmpfs "$1/tmp" &&
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 chroot --userspec=65532:65532 "$1" /usr/bin/java -version' _ "$root" ||
    die "java -version fails in the rootfs"
}

# One reproducible layer: sorted names, numeric owner root, mtime 0, no "./" entries (Jib rejects them).
# /home/nonroot is appended separately so that it alone belongs to 65532.
pack_layer() {
  local root=$1 layer=$2
  local -a opts=(--sort=name --numeric-owner --mtime=@0 --format=gnu)
  local -a top
  mapfile -t top < <(ls -A "$root")
  tar -C "$root" --create --file "$layer" "${opts[@]}" --owner=0 --group=0 \
    --anchored --exclude=home/nonroot "${top[@]}"
  tar -C "$root" --append --file "$layer" "${opts[@]}" --owner=65532 --group=65532 home/nonroot
}

# `docker save` layout: the layer, the image config (user, workdir, env) and manifest.json. No labels:
# every service image would inherit them. The history entry records the package versions instead.
write_image_tar() {
  local layer=$1 out=$2 dir diff config_sha packages
  dir=$(dirname "$layer")
  diff=$(sha256sum "$layer" | cut -d' ' -f1)
  packages=$(pinned_packages | paste -sd' ')
  mkdir -p "$dir/img/$diff"
  mv "$layer" "$dir/img/$diff/layer.tar"
  cat >"$dir/img/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
"config":{"User":"65532:65532","WorkingDir":"/home/nonroot",
"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$JVM","LANG=C.UTF-8","SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"]},
"rootfs":{"type":"layers","diff_ids":["sha256:$diff"]},
"history":[{"created":"1970-01-01T00:00:00Z","created_by":"images/build-base-image.sh","comment":"$packages"}]}
EOF
  config_sha=$(sha256sum "$dir/img/config.json" | cut -d' ' -f1)
  mv "$dir/img/config.json" "$dir/img/$config_sha.json"
  printf '[{"Config":"%s.json","RepoTags":["kso/base:latest"],"Layers":["%s/layer.tar"]}]\n' \
    "$config_sha" "$diff" >"$dir/img/manifest.json"
  tar -C "$dir/img" --create --file "$out" --sort=name --numeric-owner --owner=0 --group=0 --mtime=@0 \
    manifest.json "$config_sha.json" "$diff"
}

build() {
  local out=$1 work root
  require_apt
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
  work=$WORK
  root="$work/rootfs"
  mkdir -p "$work/debs" "$root"
  download_packages "$work/debs"
  unpack_packages "$work/debs" "$root"
  slim_rootfs "$root"
  remove_shells "$root"
  write_system_files "$root"
  write_ca_certificates "$root" "$work"
  check_libraries "$root"
  smoke_test "$root"
  pack_layer "$root" "$work/layer.tar"
  write_image_tar "$work/layer.tar" "$out.tmp"
  if [[ -f "$work/drift.txt" ]]; then cp "$work/drift.txt" "$out.drift"; else rm -f "$out.drift"; fi
  mv "$out.tmp" "$out"
}

main() {
  [[ $# -eq 1 ]] || die "usage: $0 OUTPUT_TAR | --refresh-pins"
  if [[ $1 == --refresh-pins ]]; then
    refresh_pins
    return
  fi
  local out=$1 key cache
  # Built with -Dbase.image pointing elsewhere (e.g. gcr.io/distroless/java17-debian12:nonroot): not needed.
  if [[ -n "${KSO_BASE_IMAGE:-}" && "$KSO_BASE_IMAGE" != tar://* ]]; then
    echo "base.image is $KSO_BASE_IMAGE: not building the own base image"
    return
  fi
  # The cache key covers everything that decides the content: the pins and this script.
  key=$(cat "$LOCK" "$SELF" | sha256sum | cut -d' ' -f1)
  cache="${KSO_CACHE_DIR:-$HOME/.cache/kso}/base-image-$key.tar"
  if [[ -f "$cache" ]]; then
    echo "base image: cached $cache"
    touch "$cache"
  else
    mkdir -p "$(dirname "$cache")"
    SECONDS=0
    build "$cache"
    echo "base image: built $cache in ${SECONDS}s"
  fi
  # Images of older pins or script versions: dropped when unused for two weeks (200 MB each).
  find "$(dirname "$cache")" -maxdepth 1 -name 'base-image-*' -mtime +14 -print -delete |
    sed 's/^/base image: pruned /'
  # A drifted build stays cached under the same key: repeat its warning on every use.
  [[ ! -f "$cache.drift" ]] || cat "$cache.drift" >&2
  mkdir -p "$(dirname "$out")"
  cp "$cache" "$out"
  echo "base image: $out ($(du -h "$out" | cut -f1))"
}

main "$@"
