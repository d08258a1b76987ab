package io.kso.kubescape.scan;

import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.ControlSpec;
import io.kso.kubescape.bundle.FrameworkSpec;
import io.kso.kubescape.engine.K8s;
import io.kso.kubescape.engine.Resource;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Kubescape's scores (docs/config-scanning.md, "Scores").
 *
 * <p>A resource weighs 1; a workload with more than one replica weighs replicas × 1.1; a DaemonSet
 * is multiplied by its status.desiredNumberScheduled when positive. Risk: 100 × Σ baseScore ×
 * weight(failed) ÷ Σ baseScore × weight(all), per control, per framework (over its controls) and
 * overall. Compliance: a passed control scores 100, a failed one passed ÷ all resources × 100; a
 * framework's and the overall compliance are the mean over their controls. Excepted resources count
 * as passed. Skipped controls take no part; a scan whose every control was skipped has no score.
 */
final class Scoring {
  static final double REPLICA_FACTOR = 1.1;

  private Scoring() {}

  static double weight(Resource r) {
    Map<String, Object> o = r.object();
    if (!K8s.isWorkload(o)) {
      return 1;
    }
    double w = 1;
    Object replicas = K8s.map(o.get("spec")).get("replicas");
    if (replicas instanceof Number n && n.longValue() > 1) {
      w *= n.longValue() * REPLICA_FACTOR;
    }
    if ("DaemonSet".equals(r.kind())) {
      Object desired = K8s.map(o.get("status")).get("desiredNumberScheduled");
      if (desired instanceof Number n && n.longValue() > 0) {
        w *= n.longValue();
      }
    }
    return w;
  }

  /**
   * @param weights the weight of every resource of the table, by index
   * @param failedAt the indices of the failed (not excepted) resources
   */
  static ControlResult.Scores control(
      ControlSpec c, Status status, double[] weights, BitSet evaluated, BitSet failedAt) {
    double failed = 0;
    double total = 0;
    long passed = 0;
    long all = 0;
    for (int i = evaluated.nextSetBit(0); i >= 0; i = evaluated.nextSetBit(i + 1)) {
      double w = weights[i];
      total += w;
      all++;
      if (failedAt.get(i)) {
        failed += w;
      } else {
        passed++;
      }
    }
    double risk = total > 0 ? 100 * failed / total : 0;
    double compliance = status == Status.PASSED ? 100 : all == 0 ? 0 : 100.0 * passed / all;
    return new ControlResult.Scores(
        risk, compliance, c.baseScore() * failed, c.baseScore() * total);
  }

  /** The report's skip reason when resources were scanned but no control could be evaluated. */
  static final String NO_CONTROL_EVALUATED =
      "nothing was scanned: none of the selected controls could be evaluated";

  /**
   * @param skipReason why nothing was scanned, or empty; a scan in which every control was skipped
   *     has scanned nothing either
   */
  static ScanReport report(
      Bundle bundle,
      ResourceTable resources,
      List<ControlResult> results,
      List<String> frameworks,
      List<String> errors,
      String skipReason) {
    List<ScanReport.FrameworkSummary> summaries = new ArrayList<>();
    for (String name : frameworks) {
      FrameworkSpec fw = bundle.framework(name);
      Set<String> ids = Set.copyOf(fw.controls());
      List<ControlResult> in =
          results.stream().filter(r -> ids.contains(r.control().id())).collect(Collectors.toList());
      summaries.add(
          new ScanReport.FrameworkSummary(
              fw.name(),
              fw.version(),
              in.stream().map(r -> r.control().id()).toList(),
              risk(in),
              compliance(in),
              in.stream().anyMatch(r -> r.status() != Status.SKIPPED)));
    }
    String reason =
        skipReason.isEmpty() && results.stream().allMatch(r -> r.status() == Status.SKIPPED)
            ? NO_CONTROL_EVALUATED
            : skipReason;
    return new ScanReport(
        resources, results, summaries, risk(results), compliance(results), errors, reason);
  }

  static double risk(List<ControlResult> results) {
    double failed = 0;
    double all = 0;
    for (ControlResult r : results) {
      failed += r.scores().failedWeight();
      all += r.scores().allWeight();
    }
    return all > 0 ? 100 * failed / all : 0;
  }

  static double compliance(List<ControlResult> results) {
    List<ControlResult> scored =
        results.stream().filter(r -> r.status() != Status.SKIPPED).toList();
    return scored.isEmpty()
        ? 0
        : scored.stream().mapToDouble(r -> r.scores().compliance()).sum() / scored.size();
  }
}
