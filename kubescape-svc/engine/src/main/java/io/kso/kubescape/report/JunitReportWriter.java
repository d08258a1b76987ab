package io.kso.kubescape.report;

import io.kso.kubescape.scan.ControlResult;
import io.kso.kubescape.scan.ScanReport;
import io.kso.kubescape.scan.Status;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JUnit XML: one testsuite per framework (or one for the scan), one testcase per control; a failed
 * control is a failure listing its failed resources, a skipped one is skipped.
 */
public final class JunitReportWriter {
  private JunitReportWriter() {}

  public static void write(ScanReport report, PrintWriter out) {
    out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    long failures = report.failedControls();
    out.printf(
        "<testsuites name=\"kubescape-svc\" tests=\"%d\" failures=\"%d\">%n",
        report.controls().size(), failures);
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
        out.printf("%n      <skipped message=\"not evaluable\"/>%n    ");
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
