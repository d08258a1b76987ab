package io.kso.kubescape.bundle;

import io.kso.kubescape.input.YamlDocuments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a bundle from its files (see {@link BundleFiles}). Several file sets may be layered: a
 * later set adds rules, controls and frameworks and replaces those of the same name (custom
 * controls).
 */
public final class BundleLoader {
  private BundleLoader() {}

  public static Bundle embedded() {
    return load(List.of(BundleFiles.embedded()));
  }

  public static Bundle load(List<Map<String, String>> layers) {
    String version = "";
    Map<String, RuleSpec> rules = new HashMap<>();
    Map<String, ControlSpec> controls = new HashMap<>();
    Map<String, FrameworkSpec> frameworks = new HashMap<>();
    Map<String, List<String>> inputs = new HashMap<>();
    for (Map<String, String> files : layers) {
      for (Parsed f : parse(files)) {
        String path = f.path();
        Map<String, Object> m = f.document();
        try {
          if (path.equals(BundleFiles.ROOT_MARKER)) {
            version = String.valueOf(m.getOrDefault("version", version));
            inputs.putAll(stringLists(map(m.get("defaultInputs"))));
          } else if (path.startsWith("rules/")) {
            RuleSpec r = rule(m);
            rules.put(r.name(), r);
          } else if (path.startsWith("controls/")) {
            ControlSpec c = control(m);
            controls.put(c.id(), c);
          } else if (path.startsWith("frameworks/")) {
            FrameworkSpec fw = framework(m);
            frameworks.put(fw.name(), fw);
          }
        } catch (RuntimeException e) {
          throw new BundleException(path + ": " + e.getMessage(), e);
        }
      }
    }
    return new Bundle(version, rules, controls, frameworks, inputs);
  }

  private record Parsed(String path, Map<String, Object> document) {}

  /** The YAML and JSON files of a layer, parsed in parallel, in the layer's order. */
  private static List<Parsed> parse(Map<String, String> files) {
    return files.entrySet().stream()
        .filter(
            f ->
                f.getKey().endsWith(".yaml")
                    || f.getKey().endsWith(".yml")
                    || f.getKey().endsWith(".json"))
        .toList()
        .parallelStream()
        .map(
            f -> {
              try {
                return new Parsed(f.getKey(), yaml(f.getValue()));
              } catch (YamlDocuments.ParseException e) {
                throw new BundleException(f.getKey() + ":" + e.line() + ": " + e.getMessage(), e);
              } catch (RuntimeException e) {
                throw new BundleException(f.getKey() + ": " + e.getMessage(), e);
              }
            })
        .toList();
  }

  static RuleSpec rule(Map<String, Object> m) {
    Map<String, String> let = new LinkedHashMap<>();
    map(m.get("let")).forEach((k, v) -> let.put(k, String.valueOf(v)));
    return new RuleSpec(
        required(m, "name"),
        (String) m.get("description"),
        strings(m.get("kinds")),
        m.get("prepare") == null ? null : enumOf(RuleSpec.Preparation.class, m.get("prepare")),
        m.get("scope") == null ? null : enumOf(RuleSpec.Scope.class, m.get("scope")),
        let,
        required(m, "failures"),
        strings(m.get("inputs")));
  }

  static ControlSpec control(Map<String, Object> m) {
    Object score = m.getOrDefault("baseScore", 0);
    return new ControlSpec(
        required(m, "id"),
        required(m, "name"),
        ((Number) score).doubleValue(),
        (String) m.get("severity"),
        (String) m.get("category"),
        (String) m.get("description"),
        (String) m.get("remediation"),
        strings(m.get("rules")),
        strings(m.get("configInputs")),
        strings(m.get("scanningScope")));
  }

  static FrameworkSpec framework(Map<String, Object> m) {
    return new FrameworkSpec(
        required(m, "name"),
        m.get("version") == null ? null : String.valueOf(m.get("version")),
        (String) m.get("description"),
        strings(m.get("controls")));
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, Object v) {
    return Enum.valueOf(type, String.valueOf(v).toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  private static Map<String, Object> yaml(String text) {
    return YamlDocuments.parseSingle(text);
  }

  private static String required(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null || String.valueOf(v).isBlank()) {
      throw new BundleException("missing '" + key + "'");
    }
    return String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  private static Map<String, List<String>> stringLists(Map<String, Object> m) {
    Map<String, List<String>> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, strings(v)));
    return out;
  }
}
