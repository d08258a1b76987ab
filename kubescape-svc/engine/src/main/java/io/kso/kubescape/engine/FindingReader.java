package io.kso.kubescape.engine;

import io.kso.kubescape.engine.Finding.FixPath;
import io.kso.kubescape.engine.Finding.Paths;
import io.kso.kubescape.engine.Finding.Related;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the findings a rule's expression returned (a list of maps; see the bundle schema). */
final class FindingReader {
  private FindingReader() {}

  static List<Finding> read(String rule, Object out, Resource subject) {
    List<Finding> findings = new ArrayList<>();
    if (out instanceof Map<?, ?>) {
      out = List.of(out);
    }
    if (!(out instanceof List<?> list)) {
      if (Boolean.TRUE.equals(out) && subject != null) {
        findings.add(
            new Finding(
                rule, "", List.of(subject.object()), subject.external(), Paths.NONE, List.of()));
        return findings;
      }
      if (Boolean.FALSE.equals(out)) {
        return findings;
      }
      throw new IllegalStateException("a rule must return a list of findings, got " + out);
    }
    for (Object item : list) {
      findings.add(finding(rule, K8s.map(item), subject));
    }
    return findings;
  }

  private static Finding finding(String rule, Map<String, Object> f, Resource subject) {
    List<Map<String, Object>> objects = new ArrayList<>();
    boolean external = subject != null && subject.external();
    if (f.containsKey("objects")) {
      K8s.list(f.get("objects")).forEach(o -> objects.add(K8s.map(o)));
    } else if (f.containsKey("object")) {
      objects.add(K8s.map(f.get("object")));
    } else if (subject != null && !Boolean.TRUE.equals(f.get("noObject"))) {
      objects.add(subject.object());
    }
    if (f.containsKey("external")) {
      external = Boolean.TRUE.equals(f.get("external"));
    }
    if (Boolean.TRUE.equals(f.get("noObject"))) {
      objects.clear();
    }
    List<Related> related = new ArrayList<>();
    for (Object r : K8s.list(f.get("relatedObjects"))) {
      Map<String, Object> rm = K8s.map(r);
      related.add(new Related(K8s.map(rm.get("object")), paths(rm)));
    }
    return new Finding(rule, K8s.str(f.get("message")), objects, external, paths(f), related);
  }

  static Paths paths(Map<String, Object> f) {
    List<FixPath> fix = new ArrayList<>();
    for (Object x : K8s.list(f.get("fixPaths"))) {
      Map<String, Object> m = K8s.map(x);
      fix.add(new FixPath(Values.asString(m.get("path")), Values.asString(m.get("value"))));
    }
    return new Paths(
        strings(f.get("failedPaths")),
        strings(f.get("reviewPaths")),
        strings(f.get("deletePaths")),
        fix);
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    for (Object x : K8s.list(o)) {
      out.add(Values.asString(x));
    }
    return out;
  }
}
