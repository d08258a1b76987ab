package io.kso.common.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The operator hands {@code args.scanV1} to kubescape-svc through this record: what it writes must
 * be exactly what it read, every field and value, nothing added.
 */
class PostScanRequestJsonTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"post-scan-request", "post-scan-request-full"})
  void writesBackExactlyWhatItRead(String sample) {
    byte[] json = GoldenMessagesTest.resource("messages/" + sample + ".json");

    PostScanRequest request = WireJson.read(json, PostScanRequest.class);

    JsonNode expected = WireJson.mapper().readTree(json);
    assertThat(WireJson.mapper().readTree(WireJson.write(request))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"post-scan-request", "post-scan-request-full"})
  void survivesTheLooseArgsMapOfACommand(String sample) {
    byte[] json = GoldenMessagesTest.resource("messages/" + sample + ".json");
    Object asArgs = WireJson.read(json, java.util.Map.class);

    PostScanRequest request = WireJson.convert(asArgs, PostScanRequest.class);

    assertThat(WireJson.mapper().readTree(WireJson.write(request)))
        .isEqualTo(WireJson.mapper().readTree(json));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"post-scan-request-full"})
  void neverPrintsTheAccessKey(String sample) {
    PostScanRequest request =
        WireJson.read(
            GoldenMessagesTest.resource("messages/" + sample + ".json"), PostScanRequest.class);

    assertThat(request.toString()).doesNotContain(request.accessKey());
  }
}
