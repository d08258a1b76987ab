package io.kso.gateway.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.gateway.relay.Credentials;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandshakeTest {
  private static final Credentials REQUIRED = new Credentials("client-1", "s3cret");

  private static Handshake check(String method, String uri, Map<String, String> headers) {
    return Handshake.check(method, uri, headers::get, Credentials.NONE);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "GET, /v1/waitfornotification?customerGUID=a, 101",
    "GET, /v1/waitfornotification/any/suffix?customerGUID=a, 101",
    "GET, /v1/waitfornotificationXYZ?customerGUID=a, 101",
    "GET, /v1/waitfornotification, 400",
    "GET, /v1/waitfornotification?, 400",
    "GET, /v1/waitfornotification?=a&=b, 400",
    "GET, /v1/other?customerGUID=a, 404",
    "GET, /?customerGUID=a, 404",
    "POST, /v1/waitfornotification?customerGUID=a, 405",
  })
  void answersBeforeTheUpgrade(String method, String uri, int status) {
    assertThat(check(method, uri, Map.of()).status()).isEqualTo(status);
  }

  @Test
  void readsAttributesAsGoDoes() {
    Handshake handshake =
        check(
            "GET",
            "/v1/waitfornotification?customerGUID=a%2Fb&clusterName=my+cluster&flag&customerGUID=x",
            Map.of());

    assertThat(handshake.attributes().values())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("customerGUID", "a/b", "clusterName", "my cluster", "flag", ""));
  }

  @Test
  void refusesABrowserFromAnotherOriginAsGorillaDoes() {
    String uri = "/v1/waitfornotification?customerGUID=a";
    Map<String, String> sameHost = Map.of("Origin", "http://gateway:8001", "Host", "gateway:8001");
    Map<String, String> otherHost =
        Map.of("Origin", "https://evil.example", "Host", "gateway:8001");

    assertThat(check("GET", uri, sameHost).status()).isEqualTo(101);
    assertThat(check("GET", uri, otherHost).status()).isEqualTo(403);
    assertThat(check("GET", uri, Map.of("Host", "gateway:8001")).status()).isEqualTo(101);
  }

  @Test
  void aMasterWithCredentialsRefusesRegistrationsWithoutThem() {
    String uri = "/v1/waitfornotification?customerGUID=a";
    Map<String, String> right = Map.of("X-Client-ID", "client-1", "X-API-KEY", "s3cret");
    Map<String, String> wrong = Map.of("X-Client-ID", "client-1", "X-API-KEY", "guess");

    assertThat(Handshake.check("GET", uri, right::get, REQUIRED).status()).isEqualTo(101);
    assertThat(Handshake.check("GET", uri, wrong::get, REQUIRED).status()).isEqualTo(401);
    assertThat(Handshake.check("GET", uri, name -> null, REQUIRED).status()).isEqualTo(401);
  }
}
