package io.kso.kubescape.report;

import io.kso.kubescape.input.InputError;
import io.kso.kubescape.scan.ControlResult;
import io.kso.kubescape.scan.ScanReport;
import io.kso.kubescape.scan.Status;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JUnit XML: one testsuite per framework (or one for the scan), one testcase per control; a failed
 * control is a failure listing its failed resources, a skipped one is skipped with the reason. An
 * input that could not be read, and a scan that scanned nothing, are errors of an {@code inputs}
 * suite, so that a CI job reading the report alone does not go green over them.
 */
public final class JunitReportWriter {
  private JunitReportWriter() {}

  public static void write(ScanReport report, PrintWriter out) {
    write(report, List.of(), out);
  }

  public static void write(ScanReport report, List<InputError> inputErrors, PrintWriter out) {
    out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    List<String[]> errors = new ArrayList<>();
    inputErrors.forEach(e -> errors.add(new String[] {e.source(), "could not read " + e}));
    if (!report.scanned()) {
      errors.add(new String[] {"scan", report.skipReason()});
    }
    out.printf(
        "<testsuites name=\"kubescape-svc\" tests=\"%d\" failures=\"%d\" errors=\"%d\">%n",
        report.controls().size() + errors.size(), report.failedControls(), errors.size());
    if (!errors.isEmpty()) {
      errors(errors, out);
    }
    if (report.frameworks().isEmpty()) {
      suite("scan", report.controls(), out);
    } else {
      for (ScanReport.FrameworkSummary f : report.frameworks()) {
        Set<String> ids = Set.copyOf(f.controls());
        suite(
            f.name(),
            report.controls().stream().filter(c -> ids.contains(c.control().id())).toList(),
            out);
      }
    }
    out.println("</testsuites>");
    out.flush();
  }

  /**
   * One error test case per unreadable input ({name, message}), and one when nothing was scanned.
   */
  private static void errors(List<String[]> errors, PrintWriter out) {
    out.printf(
        "  <testsuite name=\"inputs\" tests=\"%d\" failures=\"0\" errors=\"%d\">%n",
        errors.size(), errors.size());
    for (String[] e : errors) {
      out.printf(
          "    <testcase name=\"%s\" classname=\"inputs\">%n"
              + "      <error message=\"%s\" type=\"input\"/>%n    </testcase>%n",
          xml(e[0]), xml(e[1]));
    }
    out.println("  </testsuite>");
  }

  private static void suite(String name, List<ControlResult> controls, PrintWriter out) {
    long failed = controls.stream().filter(c -> c.status() == Status.FAILED).count();
    long skipped = controls.stream().filter(c -> c.status() == Status.SKIPPED).count();
    out.printf(
        "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\">%n",
        xml(name), controls.size(), failed, skipped);
    for (ControlResult c : controls) {
      out.printf(
          "    <testcase name=\"%s %s\" classname=\"%s\">",
          xml(c.control().id()), xml(c.control().name()), xml(name));
      if (c.status() == Status.FAILED) {
        List<String> ids =
            c.notPassed().entrySet().stream()
                .filter(e -> e.getValue() == Status.FAILED)
                .map(Map.Entry::getKey)
                .toList();
        out.printf(
            "%n      <failure message=\"%d resources failed\" type=\"%s\">%s</failure>%n    ",
            ids.size(), xml(c.control().severity()), xml(String.join("\n", ids)));
      } else if (c.status() == Status.SKIPPED) {
        out.printf("%n      <skipped message=\"%s\"/>%n    ", xml(c.skipReason()));
      }
      out.println("</testcase>");
    }
    out.println("  </testsuite>");
  }

  static String xml(String s) {
    StringBuilder b = new StringBuilder();
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (ch >= 0x20 || ch == '\n' || ch == '\t' || ch == '\r') {
            b.append(ch);
          }
        }
      }
    }
    return b.toString();
  }
}
