package io.kso.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares an object as the operator left it in the cluster with {@code src/test/resources/golden/
 * <name>.yaml}; server-set fields are dropped first. {@code -Dgolden.update=true} rewrites the
 * file.
 */
public final class Golden {
  private Golden() {}

  /** Maps with sorted keys, so that the order the server returns labels in does not matter. */
  @SuppressWarnings("unchecked")
  private static Object sorted(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
      return out;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(Golden::sorted).toList();
    }
    return node;
  }

  public static void assertMatches(HasMetadata object, String name) {
    HasMetadata copy = Serialization.clone(object);
    copy.setMetadata(
        new ObjectMetaBuilder(copy.getMetadata())
            .withResourceVersion(null)
            .withUid(null)
            .withCreationTimestamp(null)
            .withGeneration(null)
            .withManagedFields()
            .build());
    String yaml =
        Serialization.asYaml(
            sorted(Serialization.unmarshal(Serialization.asYaml(copy), Map.class)));
    Path file = Path.of("src/test/resources/golden", name + ".yaml");
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
      }
      assertThat(yaml).as("golden file %s", file).isEqualTo(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
