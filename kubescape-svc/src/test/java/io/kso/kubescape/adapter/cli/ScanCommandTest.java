package io.kso.kubescape.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The scan command line end to end, on the repository's samples and chart. */
class ScanCommandTest {
  static final Path SAMPLES = Path.of("engine/src/test/resources/samples");
  static final Path CHART = Path.of("../charts/kubescape-operator");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  static Run scan(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        ScanCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsTheTableForTheSampleManifestsAndReportsTheBrokenFileWithItsLine() {
    Run r = scan(SAMPLES.toString(), "--framework", "nsa,mitre", "--allow-input-errors");

    assertThat(r.exit()).isZero();
    assertThat(r.err())
        .containsPattern("warning: 1 input\\(s\\) could not be read.*\n.*broken\\.yaml:1[0-9]: ");
    assertThat(r.out())
        .contains("Inputs that could not be read:")
        .containsPattern("broken\\.yaml:1[0-9]: ")
        .contains("Compliance")
        .contains("C-0041")
        .contains("NSA")
        .contains("Overall: compliance score");
    // the rest of broken.yaml and the other files are still scanned
    assertThat(r.out()).doesNotContain("0 resources");
  }

  @Test
  void scansTheProjectsOwnHelmChart() {
    Run r =
        scan(
            CHART.toString(),
            "--set",
            "account=my-account",
            "--set",
            "clusterName=my-cluster",
            "--framework",
            "AllControls");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).doesNotContain("could not be read").contains("Overall: compliance score");
  }

  @Test
  void jsonOutputFollowsTheResultsSchemaAndNamesTheFix() throws IOException {
    Path out = tmp.resolve("results.json");
    Run r =
        scan(
            SAMPLES.toString(),
            "--format",
            "json",
            "--output",
            out.toString(),
            "--allow-input-errors");

    assertThat(r.exit()).isZero();
    JsonNode doc = JSON.readTree(out.toFile());
    Schemas.assertValidResults(doc);
    JsonNode deployment = result(doc, "apps/v1/shop/Deployment/legacy-web");
    assertThat(deployment.toString())
        .contains("\"controlID\":\"C-0041\"")
        .contains("\"deletePath\":\"spec.template.spec.hostNetwork\"");
    assertThat(doc.path("inputErrors").toString()).contains("broken.yaml");
  }

  @Test
  void sarifOutputFollowsTheSarifSchema() throws IOException {
    Path out = tmp.resolve("results.sarif");
    scan(SAMPLES.toString(), "--format", "sarif", "--output", out.toString());

    JsonNode doc = JSON.readTree(out.toFile());
    Schemas.assertValidSarif(doc);
    assertThat(doc.path("runs").get(0).path("results").size()).isPositive();
    // broken.yaml could not be read: the invocation says so
    JsonNode invocation = doc.path("runs").get(0).path("invocations").get(0);
    assertThat(invocation.path("executionSuccessful").asBoolean()).isFalse();
    assertThat(invocation.path("toolExecutionNotifications").toString())
        .contains("could not read")
        .contains("broken.yaml");
  }

  @Test
  void junitOutputFollowsTheJunitSchema() throws Exception {
    Path out = tmp.resolve("results.xml");
    scan(SAMPLES.toString(), "--format", "junit", "--output", out.toString());

    Schemas.assertValidJunit(Files.readString(out));
    assertThat(Files.readString(out))
        .contains("<failure")
        .containsPattern("<testcase name=\"[^\"]*broken\\.yaml\" classname=\"inputs\">\\s*<error ");
  }

  @Test
  void failThresholdSetsTheExitCode() {
    assertThat(scan(SAMPLES.toString(), "--allow-input-errors", "--fail-threshold", "0").exit())
        .isEqualTo(1);
    assertThat(scan(SAMPLES.toString(), "--allow-input-errors", "--fail-threshold", "100").exit())
        .isZero();
  }

  @Test
  void exceptedResultsAreReportedAsExcepted() throws IOException {
    Path out = tmp.resolve("results.json");
    scan(
        SAMPLES.toString(),
        "--controls",
        "C-0041",
        "--allow-input-errors",
        "--exceptions",
        "engine/src/test/resources/samples-exceptions.json",
        "--format",
        "json",
        "--output",
        out.toString());

    JsonNode control =
        result(JSON.readTree(out.toFile()), "apps/v1/shop/Deployment/legacy-web")
            .path("controls")
            .get(0);
    assertThat(control.path("status").path("status").asString()).isEqualTo("passed");
    assertThat(control.path("status").path("subStatus").asString()).isEqualTo("w/exceptions");
    assertThat(control.path("exceptions").get(0).path("name").asString())
        .isEqualTo("legacy-web-may-use-the-host-network");
  }

  @Test
  void controlsConfigOverridesTheDefaultInputs() throws IOException {
    Path config = tmp.resolve("inputs.json");
    Files.writeString(config, "{\"insecureCapabilities\": [\"SYS_TIME\"]}");
    Path out = tmp.resolve("results.json");
    scan(
        SAMPLES.toString(),
        "--controls",
        "C-0046",
        "--allow-input-errors",
        "--controls-config",
        config.toString(),
        "--format",
        "json",
        "--output",
        out.toString());

    JsonNode doc = JSON.readTree(out.toFile());
    assertThat(
            doc.path("summaryDetails")
                .path("controls")
                .path("C-0046")
                .path("status")
                .path("status")
                .asString())
        .isEqualTo("passed");
  }

  @Test
  void unknownFrameworkIsAUsageError() {
    Run r = scan(SAMPLES.toString(), "--framework", "no-such-framework");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown framework");
  }

  private static JsonNode result(JsonNode doc, String id) {
    for (JsonNode r : doc.path("results")) {
      if (r.path("resourceID").asString().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no result for " + id + " in " + List.of(doc.path("results")));
  }
}
