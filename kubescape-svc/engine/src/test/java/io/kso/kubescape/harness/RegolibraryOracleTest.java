package io.kso.kubescape.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kso.kubescape.bundle.BundleLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of the regolibrary oracle ({@code -Doracle.dir}) through the embedded bundle,
 * prints the pass rate per rule and overall with each failing case, and writes the same report to
 * target/regolibrary-report.txt. Fails when a case listed in regolibrary-passing.txt (the ratchet)
 * no longer passes; {@code -Doracle.update=true} rewrites that list.
 */
class RegolibraryOracleTest {
  static final Path ORACLE =
      Path.of(System.getProperty("oracle.dir", "../../../shared/oracle/regolibrary"));
  static final Path RATCHET = Path.of("src/test/resources/regolibrary-passing.txt");
  static final Path UPSTREAM = Path.of("src/test/resources/regolibrary-upstream-notes.txt");

  @Test
  void runsEveryOracleCase() throws IOException {
    assumeTrue(
        Files.isDirectory(ORACLE), "oracle folder missing: " + ORACLE.toAbsolutePath().normalize());
    String only = System.getProperty("oracle.rule", "");
    List<OracleCase> cases =
        OracleCases.read(ORACLE).stream()
            .filter(c -> only.isEmpty() || List.of(only.split(",")).contains(c.rule()))
            .toList();
    OracleHarness harness = new OracleHarness(BundleLoader.embedded());
    List<OracleHarness.Verdict> verdicts = new ArrayList<>();
    for (OracleCase c : cases) {
      verdicts.add(harness.run(c));
    }
    String report = report(verdicts);
    System.out.println(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/regolibrary-report.txt"), report);

    TreeSet<String> passing = new TreeSet<>();
    verdicts.stream().filter(OracleHarness.Verdict::passed).forEach(v -> passing.add(v.c().id()));
    if (!only.isEmpty()) {
      return;
    }
    if (Boolean.getBoolean("oracle.update")) {
      Files.writeString(RATCHET, String.join("\n", passing) + "\n");
    }
    List<String> expectedPassing = Files.exists(RATCHET) ? Files.readAllLines(RATCHET) : List.of();
    List<String> regressed =
        expectedPassing.stream().filter(id -> !id.isBlank() && !passing.contains(id)).toList();
    assertThat(regressed).as("cases that passed before and fail now").isEmpty();
  }

  static String report(List<OracleHarness.Verdict> verdicts) throws IOException {
    Map<String, int[]> perRule = new TreeMap<>();
    for (OracleHarness.Verdict v : verdicts) {
      int[] n = perRule.computeIfAbsent(v.c().rule(), k -> new int[2]);
      n[1]++;
      if (v.passed()) {
        n[0]++;
      }
    }
    long passed = verdicts.stream().filter(OracleHarness.Verdict::passed).count();
    long rulesAll = perRule.values().stream().filter(n -> n[0] == n[1]).count();
    StringBuilder b = new StringBuilder();
    b.append("regolibrary oracle: ")
        .append(passed)
        .append("/")
        .append(verdicts.size())
        .append(" cases pass (")
        .append(String.format("%.1f", 100.0 * passed / Math.max(1, verdicts.size())))
        .append(" %); rules with every case passing: ")
        .append(rulesAll)
        .append("/")
        .append(perRule.size())
        .append("\n\nper rule (passed/cases):\n");
    perRule.forEach(
        (rule, n) ->
            b.append(
                String.format("  %3d/%-3d %s%s%n", n[0], n[1], rule, n[0] == n[1] ? "" : "  *")));
    b.append("\nfailing cases:\n");
    for (OracleHarness.Verdict v : verdicts) {
      if (!v.passed()) {
        b.append("  ").append(v.c().id()).append(": ").append(v.reason()).append("\n");
      }
    }
    if (Files.exists(UPSTREAM)) {
      b.append("\ncases judged wrong upstream (still counted as failing above if they fail):\n");
      Files.readAllLines(UPSTREAM).forEach(l -> b.append("  ").append(l).append("\n"));
    }
    return b.toString();
  }
}
