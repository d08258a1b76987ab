package io.kso.kubescape.harness;

import io.kso.kubescape.harness.OracleCase.Failure;
import io.kso.kubescape.harness.OracleCase.ObjectId;
import io.kso.kubescape.harness.OracleCase.RelatedId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads cases.json and the per-case data.json files of the oracle folder. */
final class OracleCases {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private OracleCases() {}

  static List<OracleCase> read(Path oracle) throws IOException {
    JsonNode root = JSON.readTree(oracle.resolve("cases.json").toFile());
    Map<String, List<String>> defaults = new HashMap<>();
    JsonNode defs =
        JSON.readTree(oracle.resolve("default-config-inputs.json").toFile())
            .path("settings")
            .path("postureControlInputs");
    defs.properties().forEach(e -> defaults.put(e.getKey(), strings(e.getValue())));
    List<OracleCase> out = new ArrayList<>();
    for (JsonNode c : root.path("cases")) {
      Path dir = oracle.resolve(c.path("path").asString());
      Map<String, List<String>> inputs = new HashMap<>(defaults);
      Map<String, String> data = new HashMap<>();
      if (!c.path("dataFile").isNull() && !c.path("dataFile").isMissingNode()) {
        JsonNode d = JSON.readTree(dir.resolve(c.path("dataFile").asString()).toFile());
        d.path("postureControlInputs")
            .properties()
            .forEach(e -> inputs.put(e.getKey(), strings(e.getValue())));
        d.path("dataControlInputs")
            .properties()
            .forEach(e -> data.put(e.getKey(), e.getValue().asString()));
      }
      List<String> files = new ArrayList<>();
      c.path("inputFiles").forEach(f -> files.add(f.asString()));
      files.sort(null);
      List<Failure> expected = new ArrayList<>();
      if (c.path("expectation").isArray()) {
        for (JsonNode e : c.path("expectation")) {
          Failure f = failure(e);
          if (!expected.contains(f)) {
            expected.add(f);
          }
        }
      }
      out.add(
          new OracleCase(
              c.path("id").asString(),
              c.path("rule").asString(),
              dir.toString(),
              files,
              inputs,
              data,
              expected));
    }
    return out;
  }

  private static Failure failure(JsonNode e) {
    List<ObjectId> objects = new ArrayList<>();
    for (JsonNode o : e.path("objects")) {
      if (o.path("source").asString().startsWith("alertObject")) {
        continue;
      }
      objects.add(
          new ObjectId(o.path("kind").asString(""), o.path("name").asString(""), namespace(o)));
    }
    List<RelatedId> related = new ArrayList<>();
    for (JsonNode r : e.path("relatedObjects")) {
      related.add(
          new RelatedId(
              new ObjectId(text(r.path("kind")), text(r.path("name")), null), paths(r), fixes(r)));
    }
    return new Failure(objects, paths(e), fixes(e), related);
  }

  private static String text(JsonNode n) {
    return n.isString() ? n.asString() : "";
  }

  private static String namespace(JsonNode o) {
    if ("externalObjects".equals(o.path("source").asString())) {
      return o.path("namespace").isString() ? o.path("namespace").asString() : null;
    }
    JsonNode n = o.path("namespaceFromInput");
    if (n.isMissingNode() || n.isArray()) {
      return null;
    }
    return n.isNull() ? "" : n.asString();
  }

  private static List<String> paths(JsonNode e) {
    TreeSet<String> s = new TreeSet<>();
    for (String key : List.of("failedPaths", "reviewPaths", "deletePaths")) {
      e.properties()
          .forEach(
              p -> {
                if (p.getKey().toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
                  p.getValue().forEach(x -> s.add(normalise(x.asString())));
                }
              });
    }
    return new ArrayList<>(s);
  }

  private static List<String> fixes(JsonNode e) {
    TreeSet<String> s = new TreeSet<>();
    for (JsonNode f : e.path("fixPaths")) {
      s.add(normalise(f.path("path").asString()) + "=" + f.path("value").asString());
    }
    return new ArrayList<>(s);
  }

  /** {@code a['x.y']} and {@code a["x.y"]} become {@code a[x.y]}. */
  static String normalise(String path) {
    return path.replaceAll("\\[['\"]([^\\]]*?)['\"]\\]", "[$1]");
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(x -> out.add(x.isString() ? x.asString() : x.toString()));
    } else if (!n.isNull()) {
      out.add(n.isString() ? n.asString() : n.toString());
    }
    return out;
  }

  static Map<String, Object> ordered(Map<String, Object> m) {
    return new LinkedHashMap<>(m);
  }
}
