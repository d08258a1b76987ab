package io.kso.common.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.common.config.ClusterConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every wire sample of the reference is read into its record and written back. What we write is
 * compared with a golden file under {@code messages/golden/}; reading the golden file again must
 * give the same JSON again. Run with {@code -Dgolden.update=true} to rewrite the golden files, then
 * review the diff.
 */
class GoldenMessagesTest {

  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of("commands-full", Commands.class),
        Arguments.of("commands-kubescape-scan", Commands.class),
        Arguments.of("commands-scan-wildwlid", Commands.class),
        Arguments.of("commands-scan-designators", Commands.class),
        Arguments.of("commands-set-kubescape-cronjob", Commands.class),
        Arguments.of("commands-set-vuln-cronjob", Commands.class),
        Arguments.of("commands-update-vuln-cronjob", Commands.class),
        Arguments.of("commands-delete-registry-cronjob", Commands.class),
        Arguments.of("commands-scan-registry", Commands.class),
        Arguments.of("commands-chart-kubescape-scheduler", Commands.class),
        Arguments.of("notification-envelope", NotificationEnvelope.class),
        Arguments.of("notification-new-image", NotificationEnvelope.class),
        Arguments.of("scan-image-request", ScanImageRequest.class),
        Arguments.of("registry-scan-request", RegistryScanRequest.class),
        Arguments.of("sysreport", SystemReport.class),
        Arguments.of("post-scan-request", PostScanRequest.class),
        Arguments.of("post-scan-request-full", PostScanRequest.class),
        Arguments.of("kubescape-response-busy", KubescapeResponse.class),
        Arguments.of("kubescape-response-not-busy", KubescapeResponse.class),
        Arguments.of("cluster-data", ClusterConfig.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void writesWhatTheGoldenFileHolds(String name, Class<?> type) throws IOException {
    Object message = WireJson.read(resource("messages/" + name + ".json"), type);
    String written = WireJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(message);

    Path golden = Path.of("src/test/resources/messages/golden/" + name + ".json");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, written + "\n");
    }
    JsonNode expected = WireJson.mapper().readTree(Files.readString(golden));
    assertThat(WireJson.mapper().readTree(written)).isEqualTo(expected);
    Object reread = WireJson.read(Files.readAllBytes(golden), type);
    assertThat(WireJson.mapper().readTree(WireJson.write(reread))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void keepsEveryValueOfTheSample(String name, Class<?> type) {
    JsonNode sample = WireJson.mapper().readTree(resource("messages/" + name + ".json"));
    JsonNode written =
        WireJson.mapper()
            .readTree(WireJson.write(WireJson.read(resource("messages/" + name + ".json"), type)));
    assertThat(nonEmptyLeaves(written)).containsAll(nonEmptyLeaves(sample));
  }

  /** Leaf values with lower-cased paths: Go matched keys case-insensitively, so we compare so. */
  private static java.util.Set<String> nonEmptyLeaves(JsonNode node) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    collect("", node, out);
    return out;
  }

  private static void collect(String path, JsonNode node, java.util.Set<String> out) {
    if (node.isObject()) {
      node.properties()
          .forEach(e -> collect(path + "." + e.getKey().toLowerCase(), e.getValue(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(path + "[" + i + "]", node.get(i), out);
      }
    } else if (!node.isNull() && !(node.isString() && node.asString().isEmpty())) {
      out.add(path + "=" + node.asString());
    }
  }

  static byte[] resource(String name) {
    try (InputStream in = GoldenMessagesTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
