package io.kso.suite.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Checks every image tar the build wrote (Jib's {@code <module>/target/jib-image.tar}) without
 * Docker: non-root user, a java entrypoint, exactly the declared ports, and no shell in any layer.
 */
class ImageConfigIT {
  private static final Pattern SHELL =
      Pattern.compile("(.*bin/(sh|bash|dash|ash|zsh)|(^|.*/)busybox)$");

  /** What each image must declare; {@code mainClass} null where the test does not pin it. */
  record Expected(String module, List<String> ports, String mainClass) {
    @Override
    public String toString() {
      return module;
    }
  }

  static Stream<Expected> images() {
    return Stream.of(
        new Expected(
            "gateway", List.of("8000", "8001", "8002"), "io.kso.gateway.GatewayApplication"),
        new Expected("operator", List.of("8000", "4002"), "io.kso.operator.OperatorApplication"),
        new Expected("kubevuln", List.of("8080"), "io.kso.kubevuln.KubevulnApplication"),
        new Expected("kubescape-svc", List.of("8080"), "io.kso.kubescape.KubescapeApplication"),
        new Expected("kollector", List.of("8000"), "io.kso.kollector.KollectorApplication"),
        new Expected("http-request", List.of(), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void runsJavaAsNonRootWithExactlyItsPorts(Expected expected) throws IOException {
    try (ImageTar image = open(expected)) {
      JsonNode config = image.config();

      assertThat(config.path("User").asString()).isEqualTo("65532:65532");
      assertThat(config.path("WorkingDir").asString()).isEqualTo("/home/nonroot");
      List<String> entrypoint = strings(config.path("Entrypoint"));
      assertThat(entrypoint).isNotEmpty();
      assertThat(entrypoint.get(0)).matches("(.*/)?java");
      if (expected.mainClass() != null) {
        assertThat(entrypoint).last().isEqualTo(expected.mainClass());
      }
      assertThat(config.path("ExposedPorts").propertyNames())
          .containsExactlyInAnyOrderElementsOf(
              expected.ports().stream().map(port -> port + "/tcp").toList());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void hasNoShellInAnyLayer(Expected expected) throws IOException {
    List<String> shells = new ArrayList<>();
    List<String> javas = new ArrayList<>();
    try (ImageTar image = open(expected)) {
      image.forEachLayerPath(
          path -> {
            if (SHELL.matcher(path).matches()) {
              shells.add(path);
            }
            if (path.endsWith("bin/java")) {
              javas.add(path);
            }
          });
    }

    assertThat(javas).as("the walk reached the base layer's JRE").isNotEmpty();
    assertThat(shells).as("shells in %s", expected.module()).isEmpty();
  }

  /**
   * A missing service image fails. http-request's image is checked once its module builds one (its
   * pom declares Jib); until then the test is skipped with that reason.
   */
  private static ImageTar open(Expected expected) throws IOException {
    if (expected.module().equals("http-request")) {
      String pom = Files.readString(ImageTar.projectDir().resolve("http-request/pom.xml"));
      assumeTrue(
          pom.contains("jib-maven-plugin") || Files.exists(ImageTar.path("http-request")),
          "http-request does not build an image yet (no jib-maven-plugin in its pom)");
    }
    return ImageTar.of(expected.module());
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.values().forEach(value -> values.add(value.asString()));
    return values;
  }

  /**
   * kubescape-svc's patched CEL interpreter ({@code dev.cel.runtime.DefaultInterpreter}, see
   * docs/config-scanning.md) lives in the engine jar and replaces cel-java's only if that jar comes
   * before cel's on the image's class path. Jib's order of /app/libs is its own, so the pom names
   * the engine jar first (extraClasspath): the jar named there must exist and hold the class.
   */
  @org.junit.jupiter.api.Test
  void kubescapeImagePutsTheEngineJarBeforeCel() throws IOException {
    try (ImageTar image = ImageTar.of("kubescape-svc")) {
      List<String> classpath =
          List.of(image.fileText("app/jib-classpath-file").orElseThrow().trim().split(":"));
      int engine = firstIndex(classpath, "/app/libs/kubescape-engine-");
      int cel = firstIndex(classpath, "/app/libs/cel-");

      assertThat(engine).as("the engine jar on %s", classpath).isNotNegative();
      assertThat(cel).as("cel's jar on %s", classpath).isNotNegative();
      assertThat(engine).as("the engine jar before cel's").isLessThan(cel);
      assertThat(classpath).contains("/app/classpath/*");
      byte[] jar =
          image
              .fileBytes(classpath.get(engine).substring(1))
              .orElseThrow(
                  () -> new AssertionError(classpath.get(engine) + " is not in the image"));
      assertThat(entries(jar)).contains("dev/cel/runtime/DefaultInterpreter.class");
    }
  }

  private static int firstIndex(List<String> classpath, String prefix) {
    for (int i = 0; i < classpath.size(); i++) {
      if (classpath.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> entries(byte[] jar) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        names.add(e.getName());
      }
    }
    return names;
  }
}
