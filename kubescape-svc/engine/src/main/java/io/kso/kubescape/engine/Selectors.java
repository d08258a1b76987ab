package io.kso.kubescape.engine;

import java.util.List;
import java.util.Map;

/** Kubernetes label selectors: a LabelSelector, or a plain map as Services and RCs use. */
final class Selectors {
  private Selectors() {}

  static boolean selects(Object selector, Object labels) {
    Map<String, Object> sel = K8s.map(selector);
    Map<String, Object> lab = K8s.map(labels);
    if (sel.containsKey("matchLabels") || sel.containsKey("matchExpressions")) {
      return matchLabels(K8s.map(sel.get("matchLabels")), lab)
          && K8s.list(sel.get("matchExpressions")).stream()
              .allMatch(e -> expression(K8s.map(e), lab));
    }
    return matchLabels(sel, lab);
  }

  private static boolean matchLabels(Map<String, Object> want, Map<String, Object> labels) {
    for (Map.Entry<String, Object> e : want.entrySet()) {
      if (!String.valueOf(e.getValue()).equals(String.valueOf(labels.get(e.getKey())))) {
        return false;
      }
    }
    return true;
  }

  private static boolean expression(Map<String, Object> e, Map<String, Object> labels) {
    String key = K8s.str(e.get("key"));
    List<Object> values = K8s.list(e.get("values"));
    boolean has = labels.containsKey(key);
    Object v = labels.get(key);
    return switch (K8s.str(e.get("operator"))) {
      case "In" ->
          has && values.stream().anyMatch(x -> String.valueOf(x).equals(String.valueOf(v)));
      case "NotIn" ->
          !has || values.stream().noneMatch(x -> String.valueOf(x).equals(String.valueOf(v)));
      case "Exists" -> has;
      case "DoesNotExist" -> !has;
      default -> false;
    };
  }
}
