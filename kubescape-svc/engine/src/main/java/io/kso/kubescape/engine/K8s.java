package io.kso.kubescape.engine;

import java.util.List;
import java.util.Map;

/** Read-only accessors over Kubernetes objects held as plain maps (the engine's object model). */
public final class K8s {
  private K8s() {}

  public static String kind(Map<String, Object> o) {
    return str(o.get("kind"));
  }

  public static String apiVersion(Map<String, Object> o) {
    return str(o.get("apiVersion"));
  }

  /** {@code metadata.name}, or a top-level {@code name} (RBAC subjects, synthetic objects). */
  public static String name(Map<String, Object> o) {
    String n = str(map(o.get("metadata")).get("name"));
    return n.isEmpty() ? str(o.get("name")) : n;
  }

  /** {@code metadata.namespace}, or a top-level {@code namespace}; "" when cluster-scoped/unset. */
  public static String namespace(Map<String, Object> o) {
    String n = str(map(o.get("metadata")).get("namespace"));
    return n.isEmpty() ? str(o.get("namespace")) : n;
  }

  public static Map<String, Object> labels(Map<String, Object> o) {
    return map(map(o.get("metadata")).get("labels"));
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object o) {
    return o instanceof List<?> l ? (List<Object>) l : List.of();
  }

  public static String str(Object o) {
    return o instanceof String s ? s : "";
  }

  /** Where the pod spec of a workload sits, or null when the object carries none. */
  public static String podSpecPath(Map<String, Object> o) {
    return switch (kind(o)) {
      case "Pod" -> "spec";
      case "Deployment",
          "ReplicaSet",
          "DaemonSet",
          "StatefulSet",
          "Job",
          "ReplicationController",
          "PodTemplate" ->
          "PodTemplate".equals(kind(o)) ? "template.spec" : "spec.template.spec";
      case "CronJob" -> "spec.jobTemplate.spec.template.spec";
      default -> null;
    };
  }

  /** The value at a dotted path of plain keys (no indices), or null. */
  public static Object at(Map<String, Object> o, String dotted) {
    Object cur = o;
    for (String k : dotted.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(k);
    }
    return cur;
  }

  public static boolean isWorkload(Map<String, Object> o) {
    return podSpecPath(o) != null;
  }
}
