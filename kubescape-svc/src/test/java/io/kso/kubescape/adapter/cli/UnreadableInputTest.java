package io.kso.kubescape.adapter.cli;

import static io.kso.kubescape.adapter.cli.ScanCommandTest.JSON;
import static io.kso.kubescape.adapter.cli.ScanCommandTest.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubescape.adapter.cli.ScanCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A scan never reports a score or a pass over input it could not read: nothing read exits 3 with no
 * score in any format, part of it read exits 4 (the rest is scanned and reported).
 */
class UnreadableInputTest {
  static final Path GOOD = ScanCommandTest.SAMPLES.resolve("hardened-deployment.yaml");

  @TempDir static Path inputs;

  @TempDir Path tmp;

  @BeforeAll
  static void writeInputs() throws IOException {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    Files.write(inputs.resolve("random.yaml"), noise);
    Files.createDirectories(inputs.resolve("empty"));
  }

  /** Inputs of which nothing can be read, the command-line arguments, and what stderr must say. */
  static Stream<Arguments> unreadable() {
    return Stream.of(
        Arguments.of(
            "missing file", List.of(inputs.resolve("missing.yaml").toString()), "not found"),
        Arguments.of(
            "random bytes",
            List.of(inputs.resolve("random.yaml").toString()),
            "not UTF-8 text (a binary file?)"),
        Arguments.of(
            "empty directory",
            List.of(inputs.resolve("empty").toString()),
            "no .yaml, .yml or .json files"),
        Arguments.of(
            "chart whose template fails",
            List.of(ScanCommandTest.CHART.toString(), "-n", "kubescape"),
            "account is required"));
  }

  static Stream<Arguments> unreadableInEveryFormat() {
    return unreadable()
        .flatMap(
            a ->
                Stream.of("pretty", "json", "sarif", "junit")
                    .map(f -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], f)));
  }

  @ParameterizedTest(name = "{0}, {3}")
  @MethodSource("unreadableInEveryFormat")
  void nothingReadExits3WithNoScoreAndNoPass(
      String what, List<String> args, String why, String format) throws Exception {
    Path out = tmp.resolve("report");
    Run r = scan(withFormat(args, format, out, "--fail-threshold", "0"));

    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    assertThat(r.err())
        .startsWith("error: nothing was scanned: no Kubernetes objects were read; could not read:")
        .contains(args.get(0))
        .contains(why);
    String report = Files.readString(out);
    assertThat(report).doesNotContain("100.00").doesNotContain("\"score\"");
    switch (format) {
      case "pretty" ->
          assertThat(report)
              .startsWith("Inputs that could not be read:")
              .contains("Nothing was scanned: no Kubernetes objects were read.")
              .contains("No compliance or risk score")
              .doesNotContain("Overall: compliance score");
      case "json" -> {
        JsonNode doc = JSON.readTree(report);
        Schemas.assertValidResults(doc);
        JsonNode summary = doc.path("summaryDetails");
        assertThat(summary.path("status").path("status").asString()).isEqualTo("skipped");
        assertThat(summary.path("status").path("info").asString())
            .isEqualTo("nothing was scanned: no Kubernetes objects were read");
        assertThat(summary.has("score")).isFalse();
        assertThat(summary.has("complianceScore")).isFalse();
        assertThat(summary.toString()).doesNotContain("\"passed\"");
        assertThat(doc.path("inputErrors").toString()).contains(why);
      }
      case "sarif" -> {
        JsonNode doc = JSON.readTree(report);
        Schemas.assertValidSarif(doc);
        JsonNode invocation = doc.path("runs").get(0).path("invocations").get(0);
        assertThat(invocation.path("executionSuccessful").asBoolean()).isFalse();
        assertThat(invocation.path("toolExecutionNotifications").toString())
            .contains(why)
            .contains("nothing was scanned");
        assertThat(doc.path("runs").get(0).path("results").isEmpty()).isTrue();
      }
      case "junit" -> {
        Schemas.assertValidJunit(report);
        assertThat(report)
            .contains("<testsuite name=\"inputs\"")
            .contains("<error message=\"nothing was scanned: no Kubernetes objects were read\"")
            .contains(why)
            .doesNotContain("<failure");
      }
      default -> throw new AssertionError(format);
    }
  }

  @Test
  void aPartialReadScansWhatItReadAndExits4() throws IOException {
    Path out = tmp.resolve("report.json");
    Path missing = inputs.resolve("missing.yaml");

    Run r =
        scan(GOOD.toString(), missing.toString(), "--format", "json", "--output", out.toString());

    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err())
        .startsWith("error: 1 input(s) could not be read, the rest was scanned")
        .contains("--allow-input-errors")
        .contains(missing + ": not found");
    JsonNode doc = JSON.readTree(out.toFile());
    Schemas.assertValidResults(doc);
    assertThat(doc.path("summaryDetails").path("status").path("status").asString())
        .isIn("passed", "failed");
    assertThat(doc.path("summaryDetails").has("complianceScore")).isTrue();
    assertThat(doc.path("resources").toString()).contains(GOOD.toString());
    assertThat(doc.path("inputErrors").toString()).contains("not found");
  }

  @Test
  void allowInputErrorsAcceptsAPartialScanAndStillNamesWhatWasNotRead() {
    Path missing = inputs.resolve("missing.yaml");

    Run r = scan(GOOD.toString(), missing.toString(), "--allow-input-errors");

    assertThat(r.exit()).isZero();
    assertThat(r.err())
        .startsWith("warning: 1 input(s) could not be read, the rest was scanned:")
        .contains(missing + ": not found");
    assertThat(r.out()).contains("Overall: compliance score").contains(missing + ": not found");
  }

  @Test
  void allowInputErrorsDoesNotMakeAScanOfNothingPass() {
    Run r = scan(inputs.resolve("empty").toString(), "--allow-input-errors");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).doesNotContain("Overall: compliance score");
  }

  @Test
  void aPartialReadExits4AboveTheThresholdTooAnd1WhenAllowed() {
    String insecure = ScanCommandTest.SAMPLES.resolve("insecure-deployment.yaml").toString();
    String missing = inputs.resolve("missing.yaml").toString();

    assertThat(scan(insecure, missing, "--fail-threshold", "0").exit()).isEqualTo(4);
    assertThat(scan(insecure, missing, "--fail-threshold", "0", "--allow-input-errors").exit())
        .isEqualTo(1);
  }

  private static String[] withFormat(List<String> args, String format, Path out, String... more) {
    return Stream.of(
            args.stream(),
            Stream.of("--format", format, "--output", out.toString()),
            Stream.of(more))
        .flatMap(s -> s)
        .toArray(String[]::new);
  }
}
