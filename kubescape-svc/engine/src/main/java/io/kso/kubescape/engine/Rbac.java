package io.kso.kubescape.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an RBAC subject (as prepared by {@code rbac-subjects}: the subject plus {@code
 * relatedObjects: [binding, role]}) is granted, with Kubescape's paths into the joined object.
 */
final class Rbac {
  private Rbac() {}

  /**
   * Each rule of the role that grants one of the verbs on one of the resources in one of the API
   * groups: {@code {rule, index, paths}}, paths being the matching resources, verbs and API groups,
   * then the binding's subject entry and its roleRef name.
   */
  static List<Object> grants(Object subjectVector, Object verbs, Object groups, Object resources) {
    Map<String, Object> sv = K8s.map(subjectVector);
    List<Object> related = K8s.list(sv.get("relatedObjects"));
    int role = indexOfKindSuffix(related, "Role");
    int binding = indexOfKindSuffix(related, "Binding");
    if (role < 0 || binding < 0) {
      return List.of();
    }
    int k = subjectIndex(sv, K8s.map(related.get(binding)));
    if (k < 0) {
      return List.of();
    }
    List<Object> out = new ArrayList<>();
    List<Object> rules = K8s.list(K8s.map(related.get(role)).get("rules"));
    for (int p = 0; p < rules.size(); p++) {
      Map<String, Object> rule = K8s.map(rules.get(p));
      String base = "relatedObjects[" + role + "].rules[" + p + "]";
      List<String> res = matching(rule, "resources", resources, base);
      List<String> vrb = matching(rule, "verbs", verbs, base);
      List<String> grp = matching(rule, "apiGroups", groups, base);
      if (res.isEmpty() || vrb.isEmpty() || grp.isEmpty()) {
        continue;
      }
      List<Object> paths = new ArrayList<>(res);
      paths.addAll(vrb);
      paths.addAll(grp);
      paths.add("relatedObjects[" + binding + "].subjects[" + k + "]");
      paths.add("relatedObjects[" + binding + "].roleRef.name");
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("rule", rule);
      g.put("index", (long) p);
      g.put("paths", paths);
      out.add(g);
    }
    return out;
  }

  private static List<String> matching(
      Map<String, Object> rule, String field, Object wanted, String base) {
    List<Object> want = K8s.list(wanted);
    List<Object> have = K8s.list(rule.get(field));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < have.size(); i++) {
      if (want.contains(have.get(i))) {
        out.add(base + "." + field + "[" + i + "]");
      }
    }
    return out;
  }

  static int indexOfKindSuffix(List<Object> objects, String suffix) {
    for (int i = 0; i < objects.size(); i++) {
      if (K8s.kind(K8s.map(objects.get(i))).endsWith(suffix)) {
        return i;
      }
    }
    return -1;
  }

  /** The binding's entry for this subject: same kind and name, and namespace or API group. */
  static int subjectIndex(Map<String, Object> sv, Map<String, Object> binding) {
    List<Object> subjects = K8s.list(binding.get("subjects"));
    for (int k = 0; k < subjects.size(); k++) {
      Map<String, Object> s = K8s.map(subjects.get(k));
      if (same(sv, s, "kind")
          && same(sv, s, "name")
          && (present(sv, s, "namespace") || present(sv, s, "apiGroup"))) {
        return k;
      }
    }
    return -1;
  }

  private static boolean same(Map<String, Object> a, Map<String, Object> b, String key) {
    return java.util.Objects.equals(a.get(key), b.get(key));
  }

  private static boolean present(Map<String, Object> a, Map<String, Object> b, String key) {
    return a.containsKey(key) && same(a, b, key);
  }
}
