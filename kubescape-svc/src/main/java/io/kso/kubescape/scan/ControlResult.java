package io.kso.kubescape.scan;

import io.kso.kubescape.bundle.ControlSpec;
import io.kso.kubescape.engine.Finding;
import java.util.List;
import java.util.Map;

/**
 * A control's outcome over the scanned resources.
 *
 * @param resources every resource the control's rules looked at, by resource ID, with its status
 * @param findings the findings per failed or excepted resource ID ("" for findings tied to no
 *     object)
 * @param exceptions the exception that covers each excepted resource ID
 */
public record ControlResult(
    ControlSpec control,
    Status status,
    Map<String, Status> resources,
    Map<String, List<Finding>> findings,
    Map<String, String> exceptions,
    Scores scores) {

  public long count(Status s) {
    return resources.values().stream().filter(x -> x == s).count();
  }

  /**
   * Risk and compliance scores (0-100), Kubescape's way.
   *
   * @param risk 100 × weighted failed ÷ weighted all (0 when nothing was evaluated)
   * @param compliance 100 when passed, else passed (with excepted) ÷ all × 100
   * @param failedWeight baseScore × Σ weight of failed resources (the unnormalised risk)
   * @param allWeight baseScore × Σ weight of all resources (the worst case)
   */
  public record Scores(double risk, double compliance, double failedWeight, double allWeight) {}
}
