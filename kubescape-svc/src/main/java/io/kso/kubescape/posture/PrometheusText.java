package io.kso.kubescape.posture;

import io.kso.kubescape.bundle.ControlSpec;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.scan.ControlResult;
import io.kso.kubescape.scan.ScanReport;
import io.kso.kubescape.scan.Status;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A scan as Prometheus text, the way Kubescape v2.9.0 renders {@code --format prometheus} and
 * {@code GET /v1/metrics} ({@code core/pkg/resultshandling/printer/v2/prometheusutils.go}).
 *
 * <p>One sample a line, {@code name{labels} value}, every line ending in a newline, no {@code #
 * HELP}/{@code # TYPE} lines, integer values. In this order:
 *
 * <ol>
 *   <li>the cluster: {@code kubescape_cluster_complianceScore{}}, {@code
 *       kubescape_cluster_count_resources_{failed,skipped,passed}{}}, {@code
 *       kubescape_cluster_count_control_{failed,skipped,passed}{}} (singular "control");
 *   <li>per framework, in the scan's order, the same seven as {@code kubescape_framework_*} with
 *       {@code name="<framework>"};
 *   <li>per control, failed controls first, then passed, then skipped (Kubescape's order; within a
 *       group Kubescape follows Go's map order, which is random, we keep control-ID order): {@code
 *       kubescape_control_complianceScore} and {@code kubescape_control_count_resources_{failed,
 *       skipped,passed}} with {@code name}, {@code severity}, {@code link} in that order;
 *   <li>only with {@link ResourceMetrics#INCLUDE}: per resource {@code
 *       kubescape_resource_count_controls_{failed,skipped}} with {@code apiVersion}, {@code kind},
 *       {@code namespace}, {@code name}. v2.9.0 leaves the call that fills them commented out
 *       ({@code // m.setResourcesCounters(...)}), so its output has none; so does {@link
 *       #render(ScanReport)}.
 * </ol>
 *
 * <p>Values as v2.9.0 computes them: scores are rounded half away from zero after narrowing to
 * float32 ({@code cautils.Float32ToInt}). Every {@code complianceScore} carries the compliance
 * score: v2.9.0 wrote the <em>risk</em> score into the cluster's and each control's ({@code
 * GetScore()}), a mistake Kubescape corrected in 2026 (PR #2580); a dashboard reading them as
 * compliance would show the opposite of the truth. Excepted resources count as passed (v2.9.0
 * reports them as {@code passed} with {@code w/exceptions}). The severity label is derived from the
 * base score ({@code apis.ControlSeverityToString(scoreFactor)}); the link is {@code
 * https://hub.armosec.io/docs/} and the control ID lower-cased with dots turned into dashes.
 *
 * <p>One deviation: label values are escaped as the exposition format requires ({@code \} to {@code
 * \\}, {@code "} to {@code \"}, a newline to {@code \n}); Kubescape writes them raw, which breaks a
 * scrape when a name holds a quote. Values without those characters come out the same.
 */
public final class PrometheusText {
  /** Whether to add the per-resource counters that v2.9.0 computes but never prints. */
  public enum ResourceMetrics {
    /** As v2.9.0: no {@code kubescape_resource_*} samples. */
    OMIT,
    /**
     * Add {@code kubescape_resource_count_controls_{failed,skipped}} for every scanned resource.
     */
    INCLUDE
  }

  static final String DOCS = "https://hub.armosec.io/docs/";

  private final StringBuilder out = new StringBuilder(8192);
  private final Map<String, BitSet> failed = new HashMap<>();

  private PrometheusText(List<ControlResult> controls) {
    controls.forEach(c -> failed.put(c.control().id(), failedAt(c)));
  }

  /** The text v2.9.0 serves: cluster, framework and control samples. */
  public static String render(ScanReport report) {
    return render(report, ResourceMetrics.OMIT);
  }

  public static String render(ScanReport report, ResourceMetrics resources) {
    List<ControlResult> controls = report.controls();
    PrometheusText text = new PrometheusText(controls);
    text.summary("kubescape_cluster", "", report.complianceScore(), controls);
    for (ScanReport.FrameworkSummary f : report.frameworks()) {
      Set<String> ids = Set.copyOf(f.controls());
      List<ControlResult> in =
          controls.stream().filter(c -> ids.contains(c.control().id())).toList();
      text.summary("kubescape_framework", label("name", f.name()), f.complianceScore(), in);
    }
    for (Status group : List.of(Status.FAILED, Status.PASSED, Status.SKIPPED)) {
      controls.stream().filter(c -> c.status() == group).forEach(text::control);
    }
    if (resources == ResourceMetrics.INCLUDE) {
      text.resources(report);
    }
    return text.out.toString();
  }

  private void summary(String prefix, String labels, double score, List<ControlResult> controls) {
    BitSet seen = new BitSet();
    BitSet failedAny = new BitSet();
    for (ControlResult c : controls) {
      seen.or(c.evaluated());
      failedAny.or(failed.get(c.control().id()));
    }
    line(prefix + "_complianceScore", labels, toInt(score));
    line(prefix + "_count_resources_failed", labels, failedAny.cardinality());
    line(prefix + "_count_resources_skipped", labels, 0);
    line(prefix + "_count_resources_passed", labels, seen.cardinality() - failedAny.cardinality());
    line(prefix + "_count_control_failed", labels, count(controls, Status.FAILED));
    line(prefix + "_count_control_skipped", labels, count(controls, Status.SKIPPED));
    line(prefix + "_count_control_passed", labels, count(controls, Status.PASSED));
  }

  private void control(ControlResult c) {
    ControlSpec spec = c.control();
    String labels =
        String.join(
            ",",
            label("name", spec.name()),
            label("severity", ControlSpec.severityOf(spec.baseScore())),
            label("link", link(spec.id())));
    line("kubescape_control_complianceScore", labels, toInt(c.scores().compliance()));
    line("kubescape_control_count_resources_failed", labels, c.count(Status.FAILED));
    line("kubescape_control_count_resources_skipped", labels, 0);
    line(
        "kubescape_control_count_resources_passed",
        labels,
        c.count(Status.PASSED) + c.count(Status.EXCEPTED));
  }

  private void resources(ScanReport report) {
    int[] failedControls = new int[report.resources().size()];
    BitSet seen = new BitSet();
    for (ControlResult c : report.controls()) {
      seen.or(c.evaluated());
      BitSet f = failed.get(c.control().id());
      for (int i = f.nextSetBit(0); i >= 0; i = f.nextSetBit(i + 1)) {
        failedControls[i]++;
      }
    }
    for (int i = seen.nextSetBit(0); i >= 0; i = seen.nextSetBit(i + 1)) {
      Resource r = report.resources().get(i);
      String labels =
          String.join(
              ",",
              label("apiVersion", r.apiVersion()),
              label("kind", r.kind()),
              label("namespace", r.namespace()),
              label("name", r.name()));
      line("kubescape_resource_count_controls_failed", labels, failedControls[i]);
      line("kubescape_resource_count_controls_skipped", labels, 0);
    }
  }

  /** The resources the control failed (excepted ones are not). */
  private static BitSet failedAt(ControlResult c) {
    BitSet failed = new BitSet();
    BitSet notPassed = c.notPassedAt();
    for (int i = notPassed.nextSetBit(0); i >= 0; i = notPassed.nextSetBit(i + 1)) {
      if (c.status(i) == Status.FAILED) {
        failed.set(i);
      }
    }
    return failed;
  }

  private static long count(List<ControlResult> controls, Status status) {
    return controls.stream().filter(c -> c.status() == status).count();
  }

  static String link(String controlId) {
    return DOCS + controlId.replace('.', '-').toLowerCase(Locale.ROOT);
  }

  private void line(String name, String labels, long value) {
    out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
  }

  private static String label(String name, String value) {
    return name + "=\"" + escape(value == null ? "" : value) + '"';
  }

  /** A label value as the text exposition format wants it. */
  static String escape(String value) {
    StringBuilder b = null;
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      String replacement =
          switch (ch) {
            case '\\' -> "\\\\";
            case '"' -> "\\\"";
            case '\n' -> "\\n";
            default -> null;
          };
      if (replacement != null && b == null) {
        b = new StringBuilder(value.length() + 8).append(value, 0, i);
      }
      if (b != null) {
        if (replacement != null) {
          b.append(replacement);
        } else {
          b.append(ch);
        }
      }
    }
    return b == null ? value : b.toString();
  }

  /** Kubescape's {@code cautils.Float32ToInt}: to float32, then rounded half away from zero. */
  static long toInt(double score) {
    float f = (float) score;
    return f < 0 ? -Math.round(-f) : Math.round(f);
  }
}
