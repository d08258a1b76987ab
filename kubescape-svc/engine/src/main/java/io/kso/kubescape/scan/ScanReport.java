package io.kso.kubescape.scan;

import java.util.List;

/**
 * The outcome of a scan.
 *
 * @param resources every resource of the scan: inputs, prepared subjects, reported objects
 * @param controls one result per selected control, in control-ID order
 * @param frameworks one summary per selected framework
 * @param riskScore overall risk score (0-100, lower is better); meaningless unless {@link
 *     #scanned()}
 * @param complianceScore overall compliance score (0-100, higher is better); meaningless unless
 *     {@link #scanned()}
 * @param errors rule evaluation errors, as "rule: message"
 * @param skipReason why nothing was scanned (no resources, or no control could be evaluated); empty
 *     when the scan has results
 */
public record ScanReport(
    ResourceTable resources,
    List<ControlResult> controls,
    List<FrameworkSummary> frameworks,
    double riskScore,
    double complianceScore,
    List<String> errors,
    String skipReason) {

  public ScanReport {
    skipReason = skipReason == null ? "" : skipReason;
  }

  /** A report with results. */
  public ScanReport(
      ResourceTable resources,
      List<ControlResult> controls,
      List<FrameworkSummary> frameworks,
      double riskScore,
      double complianceScore,
      List<String> errors) {
    this(resources, controls, frameworks, riskScore, complianceScore, errors, "");
  }

  /**
   * A framework's scores over its evaluable controls.
   *
   * @param scored false when none of its controls could be evaluated: its scores mean nothing
   */
  public record FrameworkSummary(
      String name,
      String version,
      List<String> controls,
      double riskScore,
      double complianceScore,
      boolean scored) {

    public FrameworkSummary(
        String name,
        String version,
        List<String> controls,
        double riskScore,
        double complianceScore) {
      this(name, version, controls, riskScore, complianceScore, true);
    }
  }

  /**
   * False when nothing was scanned: no resources were given, or none of the selected controls could
   * be evaluated. Such a report has no score and has neither passed nor failed.
   */
  public boolean scanned() {
    return skipReason.isEmpty();
  }

  /** {@code SKIPPED} when not {@link #scanned()}, else failed when any control failed. */
  public Status status() {
    if (!scanned()) {
      return Status.SKIPPED;
    }
    return failedControls() > 0 ? Status.FAILED : Status.PASSED;
  }

  public long failedControls() {
    return controls.stream().filter(c -> c.status() == Status.FAILED).count();
  }
}
