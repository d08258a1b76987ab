package io.kso.kubescape.scan;

import io.kso.kubescape.bundle.Bundle;
import io.kso.kubescape.bundle.ControlSpec;
import io.kso.kubescape.bundle.RuleSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds a rule's outcome depends on: those it sees (for a prepared rule, those it is prepared
 * from: RBAC bindings and roles, the API server's Pod), and those its expressions look up by name
 * with {@code objectsOfKind('Kind'...)}. A rule with no {@code kinds} sees every kind. A lookup
 * whose kind is computed ({@code objectsOfKind(kind, ns)}) is not seen here.
 */
public final class RuleKinds {
  private static final Pattern LOOKUP =
      Pattern.compile("objectsOfKind\\(\\s*['\"]([A-Za-z0-9.]+)['\"]");
  private static final List<String> RBAC =
      List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding");

  private RuleKinds() {}

  /**
   * The kinds a scan with these options must read: what the selected controls' rules need. When one
   * of them sees every kind, the kinds every rule of the bundle needs.
   */
  public static Set<String> toRead(Bundle bundle, ScanOptions options) {
    Set<String> out = new TreeSet<>();
    boolean everyKind = false;
    for (ControlSpec control : ControlSelection.select(bundle, options)) {
      for (String name : control.rules()) {
        RuleSpec rule = bundle.rules().get(name);
        Set<String> needed = rule == null ? Set.of() : needed(rule);
        if (needed == null) {
          everyKind = true;
        } else {
          out.addAll(needed);
        }
      }
    }
    if (everyKind) {
      for (RuleSpec rule : bundle.rules().values()) {
        Set<String> needed = needed(rule);
        if (needed != null) {
          out.addAll(needed);
        }
      }
    }
    return out;
  }

  /** The kinds the rule needs, or null when it sees every kind. */
  static Set<String> needed(RuleSpec rule) {
    List<String> seen =
        switch (rule.prepare()) {
          case RBAC_SUBJECTS -> RBAC;
          case APISERVER_POD -> List.of("Pod");
          case NONE -> rule.kinds();
        };
    if (seen.isEmpty()) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>(seen);
    lookups(rule.failures(), out);
    rule.let().values().forEach(expression -> lookups(expression, out));
    return out;
  }

  /** The unreadable kinds (kind → reason) the rule needs, in kind order. */
  static Map<String, String> unreadable(RuleSpec rule, Map<String, String> unreadableKinds) {
    Map<String, String> out = new TreeMap<>();
    if (unreadableKinds.isEmpty()) {
      return out;
    }
    Set<String> needed = needed(rule);
    unreadableKinds.forEach(
        (kind, reason) -> {
          if (needed == null || needed.contains(kind)) {
            out.put(kind, reason);
          }
        });
    return out;
  }

  private static void lookups(String expression, Set<String> out) {
    Matcher m = LOOKUP.matcher(expression == null ? "" : expression);
    while (m.find()) {
      out.add(m.group(1));
    }
  }
}
