package io.kso.kubescape.scan;

import java.util.List;

/**
 * The outcome of a scan.
 *
 * @param resources every resource of the scan: inputs, prepared subjects, reported objects
 * @param controls one result per selected control, in control-ID order
 * @param frameworks one summary per selected framework
 * @param riskScore overall risk score (0-100, lower is better)
 * @param complianceScore overall compliance score (0-100, higher is better)
 * @param errors rule evaluation errors, as "rule: message"
 */
public record ScanReport(
    ResourceTable resources,
    List<ControlResult> controls,
    List<FrameworkSummary> frameworks,
    double riskScore,
    double complianceScore,
    List<String> errors) {

  /** A framework's scores over its evaluable controls. */
  public record FrameworkSummary(
      String name,
      String version,
      List<String> controls,
      double riskScore,
      double complianceScore) {}

  public long failedControls() {
    return controls.stream().filter(c -> c.status() == Status.FAILED).count();
  }
}
