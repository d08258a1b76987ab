package io.kso.kubescape.bundle;

import java.util.List;
import java.util.Map;

/**
 * A policy bundle: rules, controls, frameworks and the default control inputs.
 *
 * @param defaultInputs {@code postureControlInputs}: input name to list of strings
 */
public record Bundle(
    String version,
    Map<String, RuleSpec> rules,
    Map<String, ControlSpec> controls,
    Map<String, FrameworkSpec> frameworks,
    Map<String, List<String>> defaultInputs) {

  public Bundle {
    rules = Map.copyOf(rules);
    controls = Map.copyOf(controls);
    frameworks = Map.copyOf(frameworks);
    defaultInputs = Map.copyOf(defaultInputs);
  }

  /** The frameworks' name lookup is case-insensitive, as Kubescape's CLI is. */
  public FrameworkSpec framework(String name) {
    FrameworkSpec f = frameworks.get(name);
    if (f != null) {
      return f;
    }
    return frameworks.values().stream()
        .filter(x -> x.name().equalsIgnoreCase(name))
        .findFirst()
        .orElse(null);
  }

  /** True when at least one of the control's rules is in the bundle. */
  public boolean evaluable(ControlSpec c) {
    return c.rules().stream().anyMatch(rules::containsKey);
  }
}
