package io.kso.kubescape.bundle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule of the bundle: one file {@code rules/<name>.yaml}. See docs/config-scanning.md.
 *
 * @param name the rule name, as in Kubescape's rules.json
 * @param kinds the kinds the rule sees (after preparation); empty means every kind
 * @param prepare how the engine prepares the objects before the rule sees them
 * @param scope {@code each}: evaluated once per object, bound to {@code object}; {@code all}:
 *     evaluated once per scan, bound to {@code objects}
 * @param let named CEL sub-expressions, in order; each may use those before it
 * @param failures the CEL expression: a list of findings (maps), empty when the object passes
 * @param inputs the control inputs the rule reads (documentation and report)
 */
public record RuleSpec(
    String name,
    String description,
    List<String> kinds,
    Preparation prepare,
    Scope scope,
    Map<String, String> let,
    String failures,
    List<String> inputs) {

  public RuleSpec {
    kinds = kinds == null ? List.of() : List.copyOf(kinds);
    prepare = prepare == null ? Preparation.NONE : prepare;
    scope = scope == null ? Scope.EACH : scope;
    let = let == null ? Map.of() : new LinkedHashMap<>(let);
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    description = description == null ? "" : description;
  }

  public enum Scope {
    EACH,
    ALL
  }

  /** Kubescape's "resources aggregators": what a rule sees instead of the raw objects. */
  public enum Preparation {
    /** The objects as they are. */
    NONE,
    /** One object per subject of each binding, with {@code relatedObjects: [binding, role]}. */
    RBAC_SUBJECTS,
    /** Only the API server's pod (kube-system, name containing apiserver or api-server). */
    APISERVER_POD
  }
}
