package io.kso.kubescape.bundle;

import java.util.List;

/**
 * A control of the bundle ({@code controls/<id>.yaml}).
 *
 * @param rules the names of the rules that decide it; a control whose rules are all absent from the
 *     bundle cannot be evaluated and is reported as skipped
 */
public record ControlSpec(
    String id,
    String name,
    double baseScore,
    String severity,
    String category,
    String description,
    String remediation,
    List<String> rules,
    List<String> configInputs,
    List<String> scanningScope) {

  public ControlSpec {
    rules = rules == null ? List.of() : List.copyOf(rules);
    configInputs = configInputs == null ? List.of() : List.copyOf(configInputs);
    scanningScope = scanningScope == null ? List.of() : List.copyOf(scanningScope);
    severity = severity == null ? severityOf(baseScore) : severity;
    description = description == null ? "" : description;
    remediation = remediation == null ? "" : remediation;
    category = category == null ? "" : category;
  }

  /** Kubescape's severity bands of the base score. */
  public static String severityOf(double score) {
    if (score >= 9) {
      return "Critical";
    }
    if (score >= 7) {
      return "High";
    }
    if (score >= 4) {
      return "Medium";
    }
    return score >= 1 ? "Low" : "Unknown";
  }
}
