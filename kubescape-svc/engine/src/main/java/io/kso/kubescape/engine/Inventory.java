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

  private volatile Map<String, List<Object>> bindingsBySubject;

  /**
   * The (Cluster)RoleBindings that name a service account as a subject: {@code {binding, index,
   * roles}}, index being the subject's position and roles every Role or ClusterRole named by the
   * roleRef (names compared, not namespaces, as Kubescape does).
   */
  public List<Object> serviceAccountBindings(String namespace, String name) {
    Map<String, List<Object>> index = bindingsBySubject;
    if (index == null) {
      synchronized (this) {
        if (bindingsBySubject == null) {
          bindingsBySubject = indexBindings();
        }
        index = bindingsBySubject;
      }
    }
    return index.getOrDefault(namespace + "/" + name, List.of());
  }

  private Map<String, List<Object>> indexBindings() {
    Map<String, List<Object>> rolesByName = new HashMap<>();
    for (String k : List.of("Role", "ClusterRole")) {
      for (Object r : ofKind(k)) {
        rolesByName.computeIfAbsent(K8s.name(K8s.map(r)), x -> new ArrayList<>()).add(r);
      }
    }
    Map<String, List<Object>> out = new HashMap<>();
    for (String k : List.of("RoleBinding", "ClusterRoleBinding")) {
      for (Object b : ofKind(k)) {
        Map<String, Object> binding = K8s.map(b);
        String roleName = K8s.str(K8s.map(binding.get("roleRef")).get("name"));
        List<Object> subjects = K8s.list(binding.get("subjects"));
        for (int j = 0; j < subjects.size(); j++) {
          Map<String, Object> s = K8s.map(subjects.get(j));
          if (!"ServiceAccount".equals(K8s.str(s.get("kind")))) {
            continue;
          }
          Map<String, Object> entry = new java.util.LinkedHashMap<>();
          entry.put("binding", binding);
          entry.put("index", (long) j);
          entry.put("roles", rolesByName.getOrDefault(roleName, List.of()));
          out.computeIfAbsent(
                  K8s.str(s.get("namespace")) + "/" + K8s.str(s.get("name")),
                  x -> new ArrayList<>())
              .add(entry);
        }
      }
    }
    return out;
  }

  /**
   * The ServiceAccounts a workload runs as: named by its pod spec's serviceAccountName ("default"
   * when unset), in its namespace, a missing namespace and "default" being the same.
   */
  public List<Object> serviceAccountsOf(Object workload) {
    Map<String, Object> w = K8s.map(workload);
    String path = K8s.podSpecPath(w);
    Object spec = path == null ? null : K8s.at(w, path);
    String name = K8s.str(K8s.map(spec).get("serviceAccountName"));
    String sa = name.isEmpty() ? "default" : name;
    List<Object> out = new ArrayList<>();
    for (Object o : near("ServiceAccount", K8s.namespace(w))) {
      if (sa.equals(K8s.name(K8s.map(o)))) {
        out.add(o);
      }
    }
    return out;
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

  /**
   * Objects of a kind in the same namespace as Kubescape compares them for file scans: a missing
   * namespace and "default" are the same.
   */
  public List<Object> near(String kind, String namespace) {
    if (!namespace.isEmpty() && !"default".equals(namespace)) {
      return ofKind(kind, namespace);
    }
    List<Object> out = new ArrayList<>(ofKind(kind, ""));
    out.addAll(ofKind(kind, "default"));
    return out;
  }

  public List<Object> ofKind(String kind, String namespace) {
    return byKindNs.getOrDefault(kind + "/" + namespace, List.of());
  }
}
