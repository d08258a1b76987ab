#!/usr/bin/env python3
"""Builds the SBOM benchmark image as an OCI layout: >= 1 GiB uncompressed, tens of thousands of
files, several hundred packages across ecosystems (dpkg, Python, npm, Java, Go-like ELF files).

Usage: make-bench-image.py OUT_DIR [SCALE]   (SCALE 1.0 = the documented size)
Deterministic: the same SCALE gives the same bytes (seeded pseudo-random content).
"""
import gzip, hashlib, io, json, os, random, sys, tarfile, zipfile

out = sys.argv[1]
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
rng = random.Random(42)
WORDS = ("alpha beta gamma delta kernel module package version library system file data "
         "config service network buffer stream layer image registry digest").split()


def text(n):
    return (" ".join(rng.choice(WORDS) for _ in range(n // 6)) + "\n").encode()


def noise(n):
    return rng.randbytes(n)


class Layer:
    def __init__(self, name):
        self.path = os.path.join(out, name + ".tar.gz")
        self.raw = hashlib.sha256()
        self.gz = gzip.GzipFile(self.path, "wb", compresslevel=6, mtime=0)
        self.tar = tarfile.open(fileobj=self, mode="w|", format=tarfile.PAX_FORMAT)
        self.files = 0
        self.bytes = 0

    def write(self, b):  # tarfile writes here: hash the uncompressed stream, then gzip it
        self.raw.update(b)
        self.gz.write(b)

    def add(self, path, data, mode=0o644):
        info = tarfile.TarInfo(path)
        info.size, info.mode, info.mtime = len(data), mode, 0
        self.tar.addfile(info, io.BytesIO(data))
        self.files += 1
        self.bytes += len(data)

    def close(self):
        self.tar.close()
        self.gz.close()
        return {"path": self.path, "diff_id": "sha256:" + self.raw.hexdigest(),
                "files": self.files, "bytes": self.bytes}


def dpkg_status(n):
    stanzas = []
    for i in range(n):
        stanzas.append(f"Package: pkg{i}\nStatus: install ok installed\nPriority: optional\n"
                       f"Architecture: amd64\nSource: src{i % 97}\nVersion: 1.{i}-{i % 7}\n"
                       f"Description: benchmark package {i}\n")
    return "\n".join(stanzas).encode()


def jar(group, artifact, version):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
        z.writestr(f"META-INF/maven/{group}/{artifact}/pom.properties",
                   f"groupId={group}\nartifactId={artifact}\nversion={version}\n")
        for c in range(20):
            z.writestr(f"{group.replace('.', '/')}/C{c}.class", noise(2048))
    return b.getvalue()


os.makedirs(out, exist_ok=True)
layers = []
s = lambda n: max(1, int(n * scale))

# 1. the OS: dpkg database, os-release, many small text files, shared libraries
l = Layer("layer1-os")
l.add("etc/os-release", b'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="bench"\n')
l.add("var/lib/dpkg/status", dpkg_status(s(400)))
for i in range(s(20000)):
    l.add(f"usr/share/doc/pkg{i % 400}/file{i}.txt", text(rng.randint(1000, 12000)))
for i in range(s(150)):  # ELF-looking libraries: the Go cataloger reads every one whole
    l.add(f"usr/lib/x86_64-linux-gnu/libbench{i}.so.1", b"\x7fELF" + noise(2 * 1024 * 1024), 0o755)
layers.append(l.close())

# 2. Python site-packages
l = Layer("layer2-python")
for i in range(s(150)):
    base = f"usr/lib/python3/dist-packages/pylib{i}"
    l.add(f"{base}-2.{i}.0.dist-info/METADATA", f"Metadata-Version: 2.1\nName: pylib{i}\n"
          f"Version: 2.{i}.0\n\n".encode())
    for f in range(40):
        l.add(f"{base}/mod{f}.py", text(rng.randint(2000, 9000)))
layers.append(l.close())

# 3. node_modules
l = Layer("layer3-npm")
for i in range(s(200)):
    base = f"srv/app/node_modules/npmlib{i}"
    l.add(f"{base}/package.json", json.dumps({"name": f"npmlib{i}", "version": f"3.{i}.1"}).encode())
    for f in range(25):
        l.add(f"{base}/lib/f{f}.js", text(rng.randint(1000, 8000)))
layers.append(l.close())

# 4. Java application: jars plus large incompressible assets
l = Layer("layer4-java")
for i in range(s(100)):
    l.add(f"opt/app/lib/jlib{i}-4.{i}.jar", jar(f"org.bench{i % 9}", f"jlib{i}", f"4.{i}"))
for i in range(s(300)):
    l.add(f"opt/app/assets/blob{i}.bin", noise(2 * 1024 * 1024))
layers.append(l.close())

blobs = os.path.join(out, "oci", "blobs", "sha256")
os.makedirs(blobs, exist_ok=True)


def put(data_or_path):
    h = hashlib.sha256()
    if isinstance(data_or_path, bytes):
        h.update(data_or_path)
        d = h.hexdigest()
        open(os.path.join(blobs, d), "wb").write(data_or_path)
        return d, len(data_or_path)
    with open(data_or_path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    d = h.hexdigest()
    os.replace(data_or_path, os.path.join(blobs, d))
    return d, os.path.getsize(os.path.join(blobs, d))


config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers",
                     "diff_ids": [x["diff_id"] for x in layers]}}).encode()
cd, cs = put(config)
descs = []
for x in layers:
    d, size = put(x["path"])
    descs.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                  "digest": "sha256:" + d, "size": size})
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                  "digest": "sha256:" + cd, "size": cs},
                       "layers": descs}).encode()
md, ms = put(manifest)
open(os.path.join(out, "oci", "oci-layout"), "w").write('{"imageLayoutVersion":"1.0.0"}')
open(os.path.join(out, "oci", "index.json"), "w").write(json.dumps({"schemaVersion": 2,
     "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                    "digest": "sha256:" + md, "size": ms}]}))
summary = {"files": sum(x["files"] for x in layers),
           "uncompressed_bytes": sum(x["bytes"] for x in layers),
           "compressed_bytes": sum(d["size"] for d in descs),
           "layers": [d["digest"] for d in descs], "config": "sha256:" + cd,
           "manifest": "sha256:" + md}
json.dump(summary, open(os.path.join(out, "summary.json"), "w"), indent=1)
print(json.dumps({k: v for k, v in summary.items() if k not in ("layers",)}))
