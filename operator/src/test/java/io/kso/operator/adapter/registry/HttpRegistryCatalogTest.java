package io.kso.operator.adapter.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.kso.operator.port.RegistryException;
import io.kso.operator.registry.RegistryTarget;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bearer-token flow and paging, which docker-registry with htpasswd does not exercise: WireMock
 * plays a registry that sends clients to a token service, as Docker Hub, Quay or Harbor do.
 */
class HttpRegistryCatalogTest {
  private WireMockServer registry;
  private final HttpRegistryCatalog catalog = new HttpRegistryCatalog(Duration.ofSeconds(2));

  @BeforeEach
  void start() {
    registry =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    registry.start();
    String challenge =
        "Bearer realm=\"http://127.0.0.1:%d/token\",service=\"test-registry\",scope=\"registry:catalog:*\""
            .formatted(registry.port());
    registry.stubFor(
        get(urlPathEqualTo("/v2/_catalog"))
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", challenge)));
    registry.stubFor(
        get(urlPathEqualTo("/token"))
            .withQueryParam("service", equalTo("test-registry"))
            .withQueryParam("scope", equalTo("registry:catalog:*"))
            .withHeader("Authorization", equalTo("Basic " + b64("robot:s3cret")))
            .willReturn(aResponse().withBody("{\"token\":\"T0K3N\"}")));
    registry.stubFor(
        get(urlPathEqualTo("/token"))
            .withHeader("Authorization", equalTo("Basic " + b64("robot:wrong")))
            .willReturn(aResponse().withStatus(401)));
    registry.stubFor(
        get(urlEqualTo("/v2/_catalog?n=1000"))
            .withHeader("Authorization", equalTo("Bearer T0K3N"))
            .willReturn(
                aResponse()
                    .withHeader("Link", "</v2/_catalog?last=team/b&n=1000>; rel=\"next\"")
                    .withBody("{\"repositories\":[\"team/a\",\"team/b\"]}")));
    registry.stubFor(
        get(urlEqualTo("/v2/_catalog?last=team/b&n=1000"))
            .withHeader("Authorization", equalTo("Bearer T0K3N"))
            .willReturn(aResponse().withBody("{\"repositories\":[\"team/c\"]}")));
  }

  @AfterEach
  void stop() {
    registry.stop();
  }

  @Test
  void getsATokenFromTheRealmAndFollowsThePages() {
    assertThat(catalog.repositories(target("s3cret")))
        .containsExactly("team/a", "team/b", "team/c");
  }

  @Test
  void aRefusedTokenRequestIsUnauthorizedAndNamesTheUserOnly() {
    assertThatThrownBy(() -> catalog.repositories(target("wrong")))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.UNAUTHORIZED))
        .hasMessageContaining("robot")
        .hasMessageNotContaining("wrong");
  }

  @Test
  void skipTlsVerifyReachesARegistryWhoseCertificateNothingTrusts() {
    WireMockServer tls =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .dynamicHttpsPort());
    tls.start();
    try {
      tls.stubFor(get(urlEqualTo("/v2/")).willReturn(aResponse().withBody("{}")));
      String host = "127.0.0.1:" + tls.httpsPort();

      catalog.checkAccess(httpsTarget(host, true));
      assertThatThrownBy(() -> catalog.checkAccess(httpsTarget(host, false)))
          .as("the certificate is checked unless the registry is configured otherwise")
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.UNREACHABLE));
    } finally {
      tls.stop();
    }
  }

  private static RegistryTarget httpsTarget(String host, boolean skipTlsVerify) {
    return new RegistryTarget(
        host, "", "", true, skipTlsVerify, null, null, null, 1, List.of(), List.of());
  }

  private RegistryTarget target(String password) {
    return new RegistryTarget(
        "127.0.0.1:" + registry.port(),
        "team",
        "",
        false,
        false,
        "robot",
        password,
        null,
        1,
        List.of(),
        List.of());
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
