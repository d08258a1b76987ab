package io.kso.kubescape.report;

import io.kso.kubescape.input.InputError;
import io.kso.kubescape.scan.ControlResult;
import io.kso.kubescape.scan.ScanReport;
import io.kso.kubescape.scan.Status;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A readable table: failed resources per control, then the controls and the scores. */
public final class PrettyReportWriter {
  private static final int MAX_RESOURCES = 10;

  private PrettyReportWriter() {}

  public static void write(ScanReport report, List<InputError> inputErrors, PrintWriter out) {
    if (!inputErrors.isEmpty()) {
      out.println("Inputs that could not be read:");
      inputErrors.forEach(e -> out.println("  " + e));
      out.println();
    }
    if (!report.scanned()) {
      String reason = report.skipReason();
      out.printf(
          "%s.%nNo compliance or risk score (%d resources, %d controls selected, none evaluated).%n",
          Character.toUpperCase(reason.charAt(0)) + reason.substring(1),
          report.resources().size(),
          report.controls().size());
      out.flush();
      return;
    }
    failures(report, out);
    table(report, out);
    skipped(report, out);
    out.println();
    for (ScanReport.FrameworkSummary f : report.frameworks()) {
      if (f.scored()) {
        out.printf(
            "  %-20s compliance %6.2f%%   risk %6.2f%%%n",
            f.name(), f.complianceScore(), f.riskScore());
      } else {
        out.printf("  %-20s not scanned: none of its controls could be evaluated%n", f.name());
      }
    }
    out.printf(
        "%nOverall: compliance score %.2f%%, risk score %.2f%% (%d resources, %d controls, %d failed)%n",
        report.complianceScore(),
        report.riskScore(),
        report.resources().size(),
        report.controls().stream().filter(c -> c.status() != Status.SKIPPED).count(),
        report.failedControls());
    if (!report.errors().isEmpty()) {
      out.printf("%d rule evaluation errors (see --format json)%n", report.errors().size());
    }
    out.flush();
  }

  private static void failures(ScanReport report, PrintWriter out) {
    for (ControlResult c : report.controls()) {
      if (c.status() != Status.FAILED) {
        continue;
      }
      out.printf("%s %s [%s]%n", c.control().id(), c.control().name(), c.control().severity());
      List<Map.Entry<String, Status>> failed =
          c.notPassed().entrySet().stream().filter(e -> e.getValue() == Status.FAILED).toList();
      failed.stream()
          .limit(MAX_RESOURCES)
          .forEach(
              e -> {
                out.println("  - " + e.getKey());
                c.findings().getOrDefault(e.getKey(), List.of()).stream()
                    .flatMap(f -> ResourceResults.paths(f).stream())
                    .limit(5)
                    .forEach(p -> out.println("      " + describe(p)));
              });
      if (failed.size() > MAX_RESOURCES) {
        out.printf("  ... and %d more%n", failed.size() - MAX_RESOURCES);
      }
      if (!c.control().remediation().isBlank()) {
        out.println("  Fix: " + c.control().remediation().strip());
      }
      out.println();
    }
  }

  private static void table(ScanReport report, PrintWriter out) {
    String line = "-".repeat(110);
    out.println(line);
    out.printf(
        "%-8s %-9s %-56s %7s %7s %7s %10s%n",
        "ID", "Severity", "Control", "Failed", "Except", "All", "Compliance");
    out.println(line);
    report.controls().stream()
        .filter(c -> c.status() != Status.SKIPPED)
        .sorted(
            Comparator.comparing((ControlResult c) -> c.status() != Status.FAILED)
                .thenComparing(c -> -c.control().baseScore()))
        .forEach(
            c ->
                out.printf(
                    "%-8s %-9s %-56s %7d %7d %7d %9.0f%%%n",
                    c.control().id(),
                    c.control().severity(),
                    abbreviate(c.control().name(), 56),
                    c.count(Status.FAILED),
                    c.count(Status.EXCEPTED),
                    c.size(),
                    c.scores().compliance()));
    out.println(line);
  }

  /** The controls that were not evaluated, by reason; they take no part in the scores. */
  private static void skipped(ScanReport report, PrintWriter out) {
    Map<String, List<String>> byReason = new TreeMap<>();
    report.controls().stream()
        .filter(c -> c.status() == Status.SKIPPED)
        .forEach(
            c ->
                byReason
                    .computeIfAbsent(c.skipReason(), k -> new ArrayList<>())
                    .add(c.control().id()));
    if (byReason.isEmpty()) {
      return;
    }
    long count = byReason.values().stream().mapToLong(List::size).sum();
    out.printf("%nSkipped: %d control(s) not evaluated, not in the scores:%n", count);
    byReason.forEach(
        (reason, ids) -> {
          out.printf("  %s (%d):%n", reason, ids.size());
          StringBuilder line = new StringBuilder("   ");
          for (String id : ids) {
            if (line.length() + id.length() > 100) {
              out.println(line);
              line = new StringBuilder("   ");
            }
            line.append(' ').append(id);
          }
          out.println(line);
        });
  }

  /** {@code fix: spec.x = "true"}, {@code review: spec.y}, {@code delete: ...}. */
  static String describe(Map<String, Object> path) {
    Map.Entry<String, Object> e = path.entrySet().iterator().next();
    String kind = e.getKey().replace("Path", "");
    if (e.getValue() instanceof Map<?, ?> fix) {
      return kind + ": " + fix.get("path") + " = \"" + fix.get("value") + "\"";
    }
    return kind + ": " + e.getValue();
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
