package io.kso.kubescape.posture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** House style rule 2 for the posture core and its port: no Spring, HTTP or client types. */
class PostureIsPlainJavaTest {
  static final List<String> FORBIDDEN =
      List.of(
          "import org.springframework.",
          "import java.net.http.",
          "import io.fabric8.kubernetes.client.",
          "import io.kso.kubescape.adapter.",
          "import reactor.");

  @Test
  void corePackagesImportNoSpringHttpOrAdapterTypes() throws IOException {
    for (String pkg : List.of("posture", "port")) {
      Path dir = Path.of("src/main/java/io/kso/kubescape", pkg);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String source = Files.readString(f);
          assertThat(FORBIDDEN).as(f.toString()).noneMatch(source::contains);
        }
      }
    }
  }
}
