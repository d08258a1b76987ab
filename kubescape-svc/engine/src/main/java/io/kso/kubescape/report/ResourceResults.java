package io.kso.kubescape.report;

import io.kso.kubescape.engine.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers shared by the writers: findings by rule, and Kubescape's path entries. */
final class ResourceResults {
  private ResourceResults() {}

  /** Findings grouped by rule name, in first-seen order. */
  static Map<String, List<Finding>> byRule(List<Finding> findings) {
    Map<String, List<Finding>> out = new LinkedHashMap<>();
    findings.forEach(f -> out.computeIfAbsent(f.rule(), k -> new ArrayList<>()).add(f));
    return out;
  }

  /** Kubescape's paths entries: failedPath, reviewPath, deletePath, fixPath {path, value}. */
  static List<Map<String, Object>> paths(Finding f) {
    List<Map<String, Object>> out = new ArrayList<>();
    Finding.Paths p = f.paths();
    p.failed().stream()
        .filter(x -> !p.review().contains(x) && !p.delete().contains(x))
        .forEach(x -> out.add(Map.of("failedPath", x)));
    p.review().forEach(x -> out.add(Map.of("reviewPath", x)));
    p.delete().forEach(x -> out.add(Map.of("deletePath", x)));
    for (Finding.FixPath x : p.fix()) {
      Map<String, Object> fix = new LinkedHashMap<>();
      fix.put("path", x.path());
      fix.put("value", x.value());
      out.add(Map.of("fixPath", fix));
    }
    return out;
  }
}
