package io.kso.kubescape.scan;

import io.kso.kubescape.input.YamlDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the scan's configuration files: control inputs and exceptions (JSON or YAML). */
public final class ScanConfigReader {
  private ScanConfigReader() {}

  /**
   * A JSON object of control inputs: the {@code postureControlInputs} map itself, or an object
   * holding it (as default-config-inputs.json does under {@code settings}).
   */
  public static Map<String, List<String>> controlInputs(Path file) throws IOException {
    Map<String, Object> m = YamlDocuments.parseSingle(Files.readString(file));
    Object settings = m.get("settings");
    if (settings instanceof Map<?, ?> s && s.get("postureControlInputs") instanceof Map<?, ?>) {
      m = cast(s.get("postureControlInputs"));
    } else if (m.get("postureControlInputs") instanceof Map<?, ?> p) {
      m = cast(p);
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, strings(v)));
    return out;
  }

  /** Kubescape's exceptions file: a list of posture exception policies. */
  public static List<PostureException> exceptions(Path file) throws IOException {
    return exceptions(YamlDocuments.parseFirst(Files.readString(file)));
  }

  /**
   * Exception policies already parsed: a list of them, or one (as JSON or YAML reads them, or as a
   * scan request carries them inline).
   */
  public static List<PostureException> exceptions(Object doc) {
    List<Object> items = doc instanceof List<?> l ? cast(l) : List.of(doc);
    List<PostureException> out = new ArrayList<>();
    int n = 0;
    for (Object item : items) {
      Map<String, Object> m = item instanceof Map<?, ?> ? cast(item) : Map.of();
      String name = m.get("name") == null ? "exception-" + n : String.valueOf(m.get("name"));
      n++;
      List<Map<String, String>> resources = new ArrayList<>();
      for (Object r : list(m.get("resources"))) {
        Map<String, Object> rm = r instanceof Map<?, ?> ? cast(r) : Map.of();
        resources.add(stringMap(rm.get("attributes")));
      }
      List<Map<String, String>> policies = new ArrayList<>();
      for (Object p : list(m.get("posturePolicies"))) {
        policies.add(stringMap(p));
      }
      out.add(new PostureException(name, resources, policies));
    }
    return out;
  }

  private static List<Object> list(Object o) {
    return o instanceof List<?> l ? cast(l) : List.of();
  }

  private static Map<String, String> stringMap(Object o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }

  private static List<String> strings(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    } else if (v != null) {
      out.add(String.valueOf(v));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
