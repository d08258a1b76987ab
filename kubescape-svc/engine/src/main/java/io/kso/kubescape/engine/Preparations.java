package io.kso.kubescape.engine;

import io.kso.kubescape.bundle.RuleSpec.Preparation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What rules see instead of the raw objects (Kubescape's resource aggregators). */
final class Preparations {
  private Preparations() {}

  static List<Resource> prepare(Preparation p, List<Resource> resources) {
    return switch (p) {
      case NONE -> resources;
      case RBAC_SUBJECTS -> rbacSubjects(resources);
      case APISERVER_POD -> apiserverPod(resources);
    };
  }

  /**
   * One object per subject of each binding whose role is present ({@code kind == roleRef.kind},
   * {@code name == roleRef.name}): the subject plus {@code relatedObjects: [binding, role]}.
   */
  static List<Resource> rbacSubjects(List<Resource> resources) {
    Map<String, List<Resource>> roles = new LinkedHashMap<>();
    for (Resource r : resources) {
      if (r.kind().endsWith("Role")) {
        roles.computeIfAbsent(r.kind() + "/" + r.name(), k -> new ArrayList<>()).add(r);
      }
    }
    List<Resource> out = new ArrayList<>();
    for (Resource b : resources) {
      if (!b.kind().endsWith("Binding")) {
        continue;
      }
      Map<String, Object> ref = K8s.map(b.object().get("roleRef"));
      for (Resource role :
          roles.getOrDefault(
              K8s.str(ref.get("kind")) + "/" + K8s.str(ref.get("name")), List.of())) {
        for (Object s : K8s.list(b.object().get("subjects"))) {
          Map<String, Object> subject = new LinkedHashMap<>(K8s.map(s));
          subject.put("relatedObjects", List.of(b.object(), role.object()));
          out.add(new Resource(subject, b.source(), true));
        }
      }
    }
    return out;
  }

  /** The first Pod in kube-system whose name contains apiserver or api-server. */
  static List<Resource> apiserverPod(List<Resource> resources) {
    for (Resource r : resources) {
      if ("Pod".equals(r.kind())
          && "kube-system".equals(r.namespace())
          && (r.name().contains("apiserver") || r.name().contains("api-server"))) {
        return List.of(r);
      }
    }
    return List.of();
  }
}
