package io.kso.suite.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.suite.process.JvmFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link JvmFlags} is the one place the suite names JVM flags, and the benchmark starts services
 * with them; this keeps the images and the CDS training in step with it. Reads the Jib tars'
 * configuration, so it runs after the images are built.
 */
class ImageJvmFlagsIT {
  static Stream<String> services() {
    return Stream.of("gateway", "operator", "kubevuln", "kubescape-svc", "kollector");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void entrypointCarriesTheImageFlagsRightAfterJava(String module) throws IOException {
    List<String> entrypoint = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    try (ImageTar image = ImageTar.of(module)) {
      image.config().path("Entrypoint").values().forEach(arg -> entrypoint.add(arg.asString()));
      image.forEachLayerPath(paths::add);
    }

    assertThat(entrypoint.subList(1, 1 + JvmFlags.IMAGE.size()))
        .as("%s entrypoint %s", module, entrypoint)
        .isEqualTo(JvmFlags.IMAGE);
    assertThat(entrypoint)
        .as("no chart flag is baked in")
        .doesNotContainAnyElementsOf(JvmFlags.SERVICE);
    assertThat(paths).contains(JvmFlags.IMAGE_ARCHIVE.substring(1));
  }

  /** The archive is trained with the flags a pod gets, with the benchmark's stand-in limit. */
  @Test
  void trainingUsesTheChartFlags() throws IOException {
    String script = Files.readString(ImageTar.projectDir().resolve("images/train-cds.sh"));
    Matcher flags = Pattern.compile("(?m)^TRAIN_FLAGS=\"([^\"]*)\"").matcher(script);

    assertThat(flags.find()).as("TRAIN_FLAGS in images/train-cds.sh").isTrue();
    assertThat(flags.group(1))
        .isEqualTo(JvmFlags.javaToolOptions(JvmFlags.withMemoryLimit(JvmFlags.SERVICE, "256m")));
  }
}
