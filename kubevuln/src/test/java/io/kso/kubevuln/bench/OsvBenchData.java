package io.kso.kubevuln.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generates the vulnerability benchmark's data: an osv.dev-style zip of OSV records spread over
 * distributions and language ecosystems in roughly osv.dev's proportions (ids, aliases, CVSS
 * vectors, summaries, details, references, ranges in each ecosystem's version style, PyPI version
 * lists), and a CycloneDX SBOM whose packages partly fall in those ranges. Deterministic (fixed
 * seed). Plain Java, so it runs as a source-file program:
 *
 * <pre>
 * java kubevuln/src/test/java/io/kso/kubevuln/bench/OsvBenchData.java OUT_DIR [RECORDS] [PACKAGES]
 * </pre>
 */
public final class OsvBenchData {
  /** Ecosystem, share of records, package-name pool size. */
  private static final Object[][] ECOSYSTEMS = {
    {"Debian:12", 25, 6000},
    {"Ubuntu:22.04", 25, 6000},
    {"Alpine:v3.18", 8, 2500},
    {"npm", 15, 20000},
    {"PyPI", 10, 6000},
    {"Maven", 9, 5000},
    {"Go", 8, 4000},
  };

  private static final String[] WORDS =
      ("buffer overflow in the parser allows remote attackers to cause a denial of service or"
              + " possibly execute arbitrary code via crafted input when handling malformed headers"
              + " an integer overflow leads to out-of-bounds read in the decoder function")
          .split(" ");
  private static final String[] CVSS = {
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:L/I:L/A:N",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N",
  };

  private final Random random = new Random(42);

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "target/vuln-bench");
    int records = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int packages = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    new OsvBenchData().write(out, records, packages);
    System.out.printf(
        "wrote %s/osv-bench.zip (%d records) and %s/sbom.json (%d packages)%n",
        out, records, out, packages);
  }

  public void write(Path out, int records, int packages) throws IOException {
    Files.createDirectories(out);
    try (OutputStream file = Files.newOutputStream(out.resolve("osv-bench.zip"));
        ZipOutputStream zip = new ZipOutputStream(file)) {
      int totalShare = 0;
      for (Object[] e : ECOSYSTEMS) {
        totalShare += (int) e[1];
      }
      int n = 0;
      for (Object[] e : ECOSYSTEMS) {
        int count =
            e == ECOSYSTEMS[ECOSYSTEMS.length - 1]
                ? records - n
                : records * (int) e[1] / totalShare;
        for (int i = 0; i < count; i++, n++) {
          String id = idFor((String) e[0], n);
          zip.putNextEntry(new ZipEntry(id + ".json"));
          zip.write(record(id, (String) e[0], (int) e[2], n).getBytes(StandardCharsets.UTF_8));
          zip.closeEntry();
        }
      }
    }
    try (BufferedWriter w =
        new BufferedWriter(
            new OutputStreamWriter(
                Files.newOutputStream(out.resolve("sbom.json")), StandardCharsets.UTF_8))) {
      w.write(sbom(packages));
    }
  }

  private static String idFor(String ecosystem, int n) {
    return switch (ecosystem) {
      case "Debian:12" -> "DEBIAN-CVE-2" + String.format("%03d-%05d", n % 25, n);
      case "Ubuntu:22.04" -> "UBUNTU-CVE-2" + String.format("%03d-%05d", n % 25, n);
      case "Alpine:v3.18" -> "ALPINE-CVE-2" + String.format("%03d-%05d", n % 25, n);
      case "PyPI" -> "PYSEC-20" + (10 + n % 15) + "-" + n;
      case "Go" -> "GO-20" + (20 + n % 5) + "-" + n;
      default ->
          "GHSA-" + Integer.toString(n, 36) + "-bnch-" + Integer.toString(n * 7919 % 46656, 36);
    };
  }

  static String packageName(String ecosystem, int k) {
    return switch (ecosystem) {
      case "Maven" -> "org.example" + k % 400 + ":lib-" + k;
      case "Go" -> "github.com/example" + k % 300 + "/mod" + k;
      case "npm" -> k % 5 == 0 ? "@scope" + k % 50 + "/pkg" + k : "pkg" + k;
      case "PyPI" -> "py_pkg." + k;
      default -> "src" + k;
    };
  }

  /**
   * {@code base} is a release line; ranges are placed around it in the ecosystem's version style.
   */
  static String version(String ecosystem, int major, int minor, int patch, int rev) {
    return switch (ecosystem) {
      case "Debian:12" -> major + "." + minor + "." + patch + "-" + rev;
      case "Ubuntu:22.04" -> major + "." + minor + "." + patch + "-" + rev + "ubuntu" + (rev % 3);
      case "Alpine:v3.18" -> major + "." + minor + "." + patch + "-r" + rev;
      default -> major + "." + minor + "." + patch;
    };
  }

  private String record(String id, String ecosystem, int pool, int n) {
    int k = random.nextInt(pool);
    String name = packageName(ecosystem, k);
    int major = k % 5;
    int minor = random.nextInt(20);
    int fixedPatch = 1 + random.nextInt(15);
    String cve = "CVE-2" + String.format("%03d-%05d", n % 25, n);
    var sb = new StringBuilder(1500);
    sb.append("{\"schema_version\":\"1.6.0\",\"id\":\"").append(id).append('"');
    sb.append(",\"modified\":\"2026-11-")
        .append(String.format("%02d", 1 + n % 25))
        .append("T10:00:00Z\"");
    sb.append(",\"published\":\"2024-03-01T00:00:00Z\"");
    sb.append(",\"aliases\":[\"").append(cve).append("\"]");
    sb.append(",\"summary\":\"").append(words(8)).append('"');
    sb.append(",\"details\":\"").append(words(60 + random.nextInt(60))).append('"');
    sb.append(",\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"")
        .append(CVSS[n % CVSS.length])
        .append("\"}]");
    sb.append(",\"affected\":[{\"package\":{\"ecosystem\":\"")
        .append(ecosystem)
        .append("\",\"name\":\"")
        .append(name)
        .append("\"}");
    sb.append(",\"ranges\":[{\"type\":\"")
        .append(ecosystem.equals("Go") ? "SEMVER" : "ECOSYSTEM")
        .append("\",\"events\":[");
    boolean distro = ecosystem.contains(":");
    sb.append("{\"introduced\":\"")
        .append(distro ? "0" : version(ecosystem, major, minor, 0, 1))
        .append("\"}");
    if (n % 10 == 0) {
      sb.append(",{\"last_affected\":\"")
          .append(version(ecosystem, major, minor, fixedPatch, 1))
          .append("\"}");
    } else if (n % 10 != 1) {
      sb.append(",{\"fixed\":\"")
          .append(version(ecosystem, major, minor, fixedPatch, 2))
          .append("\"}");
    }
    sb.append("]}]");
    if (ecosystem.equals("PyPI")) {
      sb.append(",\"versions\":[");
      for (int p = 0; p < fixedPatch; p++) {
        sb.append(p == 0 ? "" : ",")
            .append('"')
            .append(version(ecosystem, major, minor, p, 1))
            .append('"');
      }
      sb.append(']');
    }
    sb.append("}],\"references\":[{\"type\":\"ADVISORY\",\"url\":\"https://example.org/advisories/")
        .append(id)
        .append("\"},{\"type\":\"WEB\",\"url\":\"https://example.org/")
        .append(cve)
        .append("\"}]");
    sb.append(",\"database_specific\":{\"source\":\"generated for the kubevuln benchmark\"}}");
    return sb.toString();
  }

  private String words(int count) {
    var sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  /** 45 % Debian packages (a fifth via a source package), then npm, PyPI, Maven and Go. */
  private String sbom(int packages) {
    var sb =
        new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[");
    sb.append("{\"type\":\"operating-system\",\"name\":\"debian\",\"version\":\"12\"}");
    for (int i = 0; i < packages; i++) {
      int share = i * 100 / packages;
      String eco =
          share < 45
              ? "Debian:12"
              : share < 75 ? "npm" : share < 85 ? "PyPI" : share < 95 ? "Maven" : "Go";
      int pool = eco.equals("npm") ? 20000 : eco.equals("Debian:12") ? 6000 : 5000;
      int k = random.nextInt(pool);
      String name = packageName(eco, k);
      String v = version(eco, k % 5, random.nextInt(20), random.nextInt(12), 1);
      sb.append(",{\"type\":\"library\",\"name\":\"")
          .append(name)
          .append("\",\"version\":\"")
          .append(v)
          .append("\",\"purl\":\"")
          .append(purl(eco, name, v, i))
          .append("\"}");
    }
    return sb.append("]}").toString();
  }

  private static String purl(String eco, String name, String v, int i) {
    return switch (eco) {
      case "Debian:12" ->
          i % 5 == 0
              ? "pkg:deb/debian/lib" + name + "@" + v + "?arch=amd64&upstream=" + name
              : "pkg:deb/debian/" + name + "@" + v + "?arch=amd64&distro=debian-12";
      case "npm" -> "pkg:npm/" + name.replace("@", "%40") + "@" + v;
      case "PyPI" -> "pkg:pypi/" + name.replace('_', '-') + "@" + v;
      case "Maven" -> "pkg:maven/" + name.replace(':', '/') + "@" + v;
      default -> "pkg:golang/" + name + "@v" + v;
    };
  }
}
