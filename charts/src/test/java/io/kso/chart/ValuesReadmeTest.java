package io.kso.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** values.yaml, its documentation in README.md and values.schema.json say the same thing. */
class ValuesReadmeTest {
  static final Path README = HelmChart.dir().resolve("README.md");

  @Test
  void readmeValuesTableIsGeneratedFromValuesYaml() throws IOException {
    String table = ValuesDoc.table(HelmChart.dir());
    String readme = Files.readString(README);
    if (Boolean.getBoolean("readme.update")) {
      readme = ValuesDoc.withTable(readme, table);
      Files.writeString(README, readme);
    }
    assertThat(ValuesDoc.tableIn(readme))
        .as("README values table; regenerate with -Dreadme.update=true")
        .isEqualTo(table);
  }

  @Test
  void everyValueIsDocumented() throws IOException {
    String yaml = Files.readString(HelmChart.dir().resolve("values.yaml"));
    Set<String> documented =
        ValuesDoc.entries(yaml).stream().map(ValuesDoc.Entry::path).collect(Collectors.toSet());

    List<String> undocumented = new ArrayList<>();
    for (String leaf : ValuesDoc.leaves(new Yaml().load(yaml))) {
      if (documented.stream().noneMatch(d -> leaf.equals(d) || leaf.startsWith(d + "."))) {
        undocumented.add(leaf);
      }
    }
    assertThat(undocumented)
        .as("values without a '# --' comment on themselves or a parent")
        .isEmpty();
  }

  @Test
  void schemaDeclaresEveryValue() throws IOException {
    JsonNode schema =
        new ObjectMapper()
            .readTree(Files.readString(HelmChart.dir().resolve("values.schema.json")));
    Map<String, Object> values =
        new Yaml().load(Files.readString(HelmChart.dir().resolve("values.yaml")));

    List<String> missing = new ArrayList<>();
    for (String leaf : ValuesDoc.leaves(values)) {
      JsonNode node = schema;
      for (String key : leaf.split("\\.")) {
        node = resolve(schema, node);
        JsonNode next = node.path("properties").path(key);
        if (next.isMissingNode()) {
          if (node.path("additionalProperties").isBoolean()
              && !node.path("additionalProperties").asBoolean()) {
            missing.add(leaf);
          }
          break;
        }
        node = next;
      }
    }
    assertThat(missing).as("values the schema would reject").isEmpty();
  }

  private static JsonNode resolve(JsonNode schema, JsonNode node) {
    while (node.has("$ref")) {
      String ref = node.get("$ref").asString();
      node = schema.at(ref.substring(1));
    }
    return node;
  }
}
