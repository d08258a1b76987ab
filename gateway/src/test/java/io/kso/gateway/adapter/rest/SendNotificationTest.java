package io.kso.gateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kso.gateway.relay.AttributesTable;
import io.kso.gateway.testing.Envelopes;
import io.kso.gateway.testing.RunningGateway;
import io.kso.gateway.testing.TestLeaf;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v1/sendnotification} against real websocket leaves on 127.0.0.1. */
class SendNotificationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path dir;
  static RunningGateway gateway;

  @BeforeAll
  static void start() {
    gateway = RunningGateway.start(dir, "{}");
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @AfterEach
  void noLeafLeft() {
    gateway.awaitLeaves(0);
  }

  private static TestLeaf leaf(Map<String, String> attributes) {
    TestLeaf leaf = TestLeaf.connect(gateway.websocketUrl(Envelopes.query(attributes)));
    gateway.awaitLeaves(1);
    return leaf;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.kso.gateway.relay.AttributesTable#rows")
  void routesByTheReferenceMatchingTable(
      String row, Map<String, String> connection, Map<String, String> target, boolean delivered) {
    try (TestLeaf leaf = leaf(connection)) {
      gateway.post(Envelopes.to(target, "under test"));
      // Writes to one connection keep their order: once the marker is in, so is the first, if sent.
      gateway.post(Envelopes.to(connection, "marker"));

      await().atMost(WAIT).until(() -> leaf.texts().stream().anyMatch(t -> t.contains("marker")));
      assertThat(leaf.texts().stream().anyMatch(t -> t.contains("under test")))
          .as(row)
          .isEqualTo(delivered);
    }
  }

  @Test
  void forwardsTheRawBodyByteForByteAsOneBinaryFrame() {
    byte[] body =
        ("{\n  \"notification\" : {\"commands\":[{\"commandName\":\"kubescapeScan\",\"n\":1.50e1}]},"
                + "\t\"extra\": \"ünïcødé ✓\",\n  \"target\": {\"customerGUID\": \"A\"} ,"
                + " \"sendSynchronicity\": false }  \n")
            .getBytes(StandardCharsets.UTF_8);
    try (TestLeaf leaf = leaf(AttributesTable.OPERATOR)) {
      HttpResponse<String> response = gateway.post("/v1/sendnotification", body);

      assertThat(response.statusCode()).isEqualTo(200);
      await().atMost(WAIT).until(() -> leaf.received().size() == 1);
      TestLeaf.Message message = leaf.received().get(0);
      assertThat(message.binary()).isTrue();
      assertThat(message.bytes()).isEqualTo(body);
    }
  }

  @Test
  void answersAnEmptyJsonArrayAlsoWhenNothingMatched() {
    HttpResponse<String> response = gateway.post(Envelopes.to(Map.of("customerGUID", "nobody")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("[]");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
  }

  @Test
  void acceptsPathSuffixes() {
    try (TestLeaf leaf = leaf(AttributesTable.OPERATOR)) {
      HttpResponse<String> response =
          gateway.post(
              "/v1/sendnotification/v2/extra",
              Envelopes.to(Map.of("customerGUID", "A")).getBytes(StandardCharsets.UTF_8));

      assertThat(response.statusCode()).isEqualTo(200);
      await().atMost(WAIT).until(() -> leaf.received().size() == 1);
    }
  }

  @Test
  void aSynchronousNotificationIsWrittenBeforeTheAnswer() {
    try (TestLeaf leaf = leaf(AttributesTable.OPERATOR)) {
      HttpResponse<String> response =
          gateway.post(Envelopes.synchronous(Map.of("customerGUID", "A"), "now"));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("[]");
      await().atMost(WAIT).until(() -> leaf.received().size() == 1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"target\": {}}", "{\"notification\": {\"commands\": []}}"})
  void aNotificationWithoutTargetIs400ProblemJson(String body) {
    HttpResponse<String> response = gateway.post(body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body())
        .contains("\"reason\":\"MISSING_TARGET\"")
        .contains("\"status\":400");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[]", "{\"target\": \"x\"", "\u0000\u0001binary"})
  void aBodyThatIsNotAnEnvelopeIs400ProblemJson(String body) {
    HttpResponse<String> response = gateway.post(body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"reason\":\"BAD_ENVELOPE\"");
  }

  @Test
  void anEmptyBodyIs400ProblemJson() {
    HttpResponse<String> response = gateway.post("/v1/sendnotification", new byte[0]);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("BAD_ENVELOPE");
  }

  @Test
  void aBodyOverTheMessageLimitIsRefusedAsTooLarge() {
    byte[] body =
        Envelopes.to(Map.of("customerGUID", "A"), "x".repeat(1024 * 1024))
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = gateway.post("/v1/sendnotification", body);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void otherMethodsAre405() {
    HttpResponse<String> response = gateway.restGet("/v1/sendnotification");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void rejectedNotificationsAreCounted() {
    double before = gateway.metric("gateway_notifications_rejected_total{source=\"rest\"}");

    gateway.post("{}");

    assertThat(gateway.metric("gateway_notifications_rejected_total{source=\"rest\"}"))
        .isEqualTo(before + 1);
  }
}
