package io.kso.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares an object as the operator left it in the cluster with {@code src/test/resources/golden/
 * <name>.yaml}; server-set fields are dropped first. {@code -Dgolden.update=true} rewrites the
 * file.
 */
public final class Golden {
  private Golden() {}

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
    String yaml = Serialization.asYaml(copy);
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
