package io.kso.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationTest {

  private static Notification parse(String body) {
    return Notification.parse(body.getBytes(StandardCharsets.UTF_8), Source.REST, 0);
  }

  @Test
  void readsTheTargetAndKeepsTheBodyUntouched() {
    String body =
        "{ \"notification\": {\"commands\": [1, 2.50, \"é\"]},\n"
            + "  \"target\": {\"customerGUID\": \"A\", \"dest\": \"trigger\"} }";

    Notification notification = parse(body);

    assertThat(notification.target()).isEqualTo(Map.of("customerGUID", "A", "dest", "trigger"));
    assertThat(notification.synchronous()).isFalse();
    assertThat(notification.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsKeysInAnyCaseAndBooleansGivenAsStrings() {
    Notification notification =
        parse("{\"Target\": {\"customerGUID\": \"A\"}, \"SendSynchronicity\": \"true\"}");

    assertThat(notification.target()).containsEntry("customerGUID", "A");
    assertThat(notification.synchronous()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"target\": {}}",
        "{\"target\": null}",
        "{\"notification\": {\"commands\": []}}"
      })
  void anEnvelopeWithoutTargetAttributesIsRefused(String body) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> assertThat(e.reason()).isEqualTo(GatewayException.Reason.MISSING_TARGET));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[1, 2]",
        "\"a string\"",
        "{\"target\": \"customerGUID\"}",
        "{\"target\": {\"a\": {\"nested\": 1}}}",
        "{\"target\": {\"a\": null}}",
        "{\"target\": {\"a\": \"b\""
      })
  void aBodyThatIsNotAnEnvelopeIsRefused(String body) {
    assertThatThrownBy(() -> parse(body))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> assertThat(e.reason()).isEqualTo(GatewayException.Reason.BAD_ENVELOPE));
  }

  @Test
  void anEmptyBodyIsRefused() {
    assertThatThrownBy(() -> Notification.parse(new byte[0], Source.LEAF, 0))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> assertThat(e.reason()).isEqualTo(GatewayException.Reason.BAD_ENVELOPE));
  }
}
