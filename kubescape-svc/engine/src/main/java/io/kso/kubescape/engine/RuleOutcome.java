package io.kso.kubescape.engine;

import java.util.List;

/**
 * What one rule found in one scan.
 *
 * @param evaluated the objects the rule looked at (its kinds, after preparation)
 * @param errors evaluation errors, one per object the rule could not evaluate
 */
public record RuleOutcome(
    String rule, List<Resource> evaluated, List<Finding> findings, List<String> errors) {
  public RuleOutcome {
    evaluated = List.copyOf(evaluated);
    findings = List.copyOf(findings);
    errors = List.copyOf(errors);
  }
}
