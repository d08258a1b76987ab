package io.kso.kubevuln.cli;

import static io.kso.kubevuln.testing.OsvFiles.record;
import static io.kso.kubevuln.testing.OsvFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class KubevulnCliTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    var cli = KubevulnCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private String db() {
    return tmp.resolve("db").toString();
  }

  @BeforeEach
  void importRecords() {
    String log4j =
        record(
            "GHSA-jfh8-c2jp-5v3q",
            "Maven",
            "org.apache.logging.log4j:log4j-core",
            "2.13.0",
            "2.15.0",
            "2099-01-01T00:00:00Z");
    String openssl =
        record(
                "ALPINE-CVE-2019-1549",
                "Alpine:v3.10",
                "openssl",
                "0",
                "1.1.1d-r0",
                "2099-01-01T00:00:00Z")
            .replace(
                "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}],",
                "");
    Path file = write(tmp.resolve("osv.json"), "[" + log4j + "," + openssl + "]");
    assertThat(run("db", "import", "--db", db(), file.toString())).isZero();
    assertThat(out.toString()).contains("imported 2 records");
  }

  private Path cycloneDx() {
    return write(
        tmp.resolve("bom.json"),
        """
        {"bomFormat":"CycloneDX","specVersion":"1.5","components":[
          {"type":"operating-system","name":"alpine","version":"3.10.2"},
          {"type":"library","name":"log4j-core","purl":"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"},
          {"type":"library","name":"libcrypto1.1","purl":"pkg:apk/alpine/libcrypto1.1@1.1.1c-r0?upstream=openssl"},
          {"type":"library","name":"no-purl"}]}
        """);
  }

  @Test
  void scanReportsMatchesAsJson() {
    assertThat(run("scan", "--db", db(), "--format", "json", cycloneDx().toString())).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(out.toString());

    assertThat(report.path("packages").asInt()).isEqualTo(2);
    assertThat(report.path("entriesWithoutPurl").asInt()).isEqualTo(1);
    JsonNode log4j = report.path("matches").get(0);
    assertThat(log4j.path("vulnerability").path("id").asString()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
    assertThat(log4j.path("vulnerability").path("aliases").get(0).asString())
        .isEqualTo("CVE-GHSA-jfh8-c2jp-5v3q");
    assertThat(log4j.path("vulnerability").path("severity").asString()).isEqualTo("CRITICAL");
    assertThat(log4j.path("vulnerability").path("cvssScore").asDouble()).isEqualTo(9.8);
    assertThat(log4j.path("package").path("purl").asString()).startsWith("pkg:maven/");
    assertThat(log4j.path("fixedVersion").asString()).isEqualTo("2.15.0");
    assertThat(log4j.path("matchedBy").path("detail").asString())
        .isEqualTo("ECOSYSTEM [2.13.0, 2.15.0)");
    JsonNode openssl = report.path("matches").get(1);
    assertThat(openssl.path("package").path("ecosystem").asString()).isEqualTo("Alpine:v3.10");
    assertThat(openssl.path("matchedBy").path("nameKind").asString()).isEqualTo("source");
    assertThat(openssl.path("matchedBy").path("packageName").asString()).isEqualTo("openssl");
  }

  @Test
  void scanReadsSpdxAndPrintsATable() {
    Path spdx =
        write(
            tmp.resolve("spdx.json"),
            """
        {"spdxVersion":"SPDX-2.3","packages":[
          {"name":"log4j-core","versionInfo":"2.14.1","externalRefs":[{"referenceCategory":"PACKAGE-MANAGER",
            "referenceType":"purl","referenceLocator":"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}]}]}
        """);
    assertThat(run("scan", "--db", db(), spdx.toString())).isZero();
    assertThat(out.toString())
        .contains(
            "org.apache.logging.log4j:log4j-core", "GHSA-jfh8-c2jp-5v3q", "2.15.0", "1 match(es)");
  }

  @Test
  void failOnExitsOneWhenAMatchIsSevereEnough() {
    assertThat(run("scan", "--db", db(), "--fail-on", "critical", cycloneDx().toString()))
        .isEqualTo(1);
    assertThat(run("scan", "--db", db(), "--fail-on", "HIGH", cycloneDx().toString())).isEqualTo(1);
    Path onlyAlpine =
        write(
            tmp.resolve("alpine.json"),
            """
        {"bomFormat":"CycloneDX","components":[{"type":"library","name":"musl",
          "purl":"pkg:apk/alpine/libcrypto1.1@1.1.1c-r0?distro=alpine-3.10.2&upstream=openssl"}]}
        """);
    assertThat(run("scan", "--db", db(), "--fail-on", "low", onlyAlpine.toString())).isZero();
    assertThat(run("scan", "--db", db(), "--fail-on", "unknown", onlyAlpine.toString()))
        .isEqualTo(1);
  }

  @Test
  void badInputExitsTwoWithAMessage() {
    assertThat(run("scan", "--db", db(), "--fail-on", "severe", cycloneDx().toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--fail-on severe");
    assertThat(run("scan", "--db", db(), tmp.resolve("none.json").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no such SBOM file");
    Path notSbom = write(tmp.resolve("x.json"), "{\"hello\": 1}");
    assertThat(run("scan", "--db", db(), notSbom.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("neither a CycloneDX nor an SPDX");
    assertThat(run("scan", "--db", tmp.resolve("empty").toString(), cycloneDx().toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no vulnerability store");
    assertThat(run("db", "import", "--db", db(), tmp.resolve("missing.zip").toString()))
        .isEqualTo(2);
    assertThat(run("db")).isEqualTo(2);
  }

  @Test
  void statusShowsCountsAndExitsOneWhenStale() {
    assertThat(run("db", "status", "--db", db(), "--format", "json")).isZero();
    JsonNode status = JsonMapper.builder().build().readTree(out.toString());
    assertThat(status.path("records").asInt()).isEqualTo(2);
    assertThat(status.path("recordsByEcosystem").path("Alpine:v3.10").asInt()).isEqualTo(1);
    assertThat(status.path("stale").asBoolean()).isFalse();

    Path old =
        write(
            tmp.resolve("old.json"),
            record("OLD-1", "npm", "p", "0", "1.0.0", "2020-01-01T00:00:00Z"));
    assertThat(run("db", "import", "--db", db(), "--replace", old.toString())).isZero();
    assertThat(run("db", "status", "--db", db(), "--max-age", "30d")).isEqualTo(1);
    assertThat(out.toString()).contains("records:        1", "STALE");
    assertThat(run("scan", "--db", db(), "--max-age", "30d", cycloneDx().toString())).isZero();
    assertThat(err.toString()).contains("warning: the vulnerability data is");
  }

  @Test
  void theJarRunsTheCliOnlyForItsSubcommands() {
    assertThat(KubevulnCli.handles("db")).isTrue();
    assertThat(KubevulnCli.handles("scan")).isTrue();
    assertThat(KubevulnCli.handles("--server.port=8080")).isFalse();
  }
}
