package io.kso.kubescape.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of one scan, indexed by kind and by kind and namespace for related-object lookups.
 */
public final class Inventory {
  private final List<Resource> resources;
  private final Map<String, List<Object>> byKind = new HashMap<>();
  private final Map<String, List<Object>> byKindNs = new HashMap<>();

  public Inventory(List<Resource> resources) {
    this.resources = List.copyOf(resources);
    for (Resource r : this.resources) {
      byKind.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r.object());
      byKindNs
          .computeIfAbsent(r.kind() + "/" + r.namespace(), k -> new ArrayList<>())
          .add(r.object());
    }
  }

  public List<Resource> resources() {
    return resources;
  }

  public List<Object> ofKind(String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  /** Pods and every kind with a pod template, in one namespace. */
  public List<Object> workloadsIn(String namespace) {
    List<Object> out = new ArrayList<>();
    for (String k : WORKLOAD_KINDS) {
      out.addAll(ofKind(k, namespace));
    }
    return out;
  }

  static final List<String> WORKLOAD_KINDS =
      List.of(
          "Pod",
          "Deployment",
          "ReplicaSet",
          "DaemonSet",
          "StatefulSet",
          "Job",
          "CronJob",
          "ReplicationController");

  public List<Object> ofKind(String kind, String namespace) {
    return byKindNs.getOrDefault(kind + "/" + namespace, List.of());
  }
}
