package io.kso.gateway.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.gateway.relay.Attributes;
import io.kso.gateway.relay.Credentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReactorNettyUpstreamDialerTest {

  @Test
  void appendsTheAttributesToTheParentsQuery() {
    Attributes customer = Attributes.of(Map.of("customerGUID", "a b/c"));

    assertThat(
            ReactorNettyUpstreamDialer.uri("wss://master.example/v1/waitfornotification", customer))
        .hasToString("wss://master.example/v1/waitfornotification?customerGUID=a+b%2Fc");
    assertThat(
            ReactorNettyUpstreamDialer.uri(
                "ws://127.0.0.1:8001/v1/waitfornotification?region=eu", customer))
        .hasToString("ws://127.0.0.1:8001/v1/waitfornotification?region=eu&customerGUID=a+b%2Fc");
  }

  @Test
  void presentsCredentialsOnlyWhenConfigured() {
    assertThat(ReactorNettyUpstreamDialer.headersFor(Credentials.NONE)).isEmpty();
    assertThat(ReactorNettyUpstreamDialer.headersFor(new Credentials("c", "k")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("X-Client-ID", "c", "X-API-KEY", "k"));
  }
}
