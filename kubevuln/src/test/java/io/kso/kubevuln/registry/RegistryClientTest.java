package io.kso.kubevuln.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kso.kubevuln.catalog.SbomGenerator;
import io.kso.kubevuln.image.ImageException;
import io.kso.kubevuln.image.ImageException.Reason;
import io.kso.kubevuln.image.ImageLimits;
import io.kso.kubevuln.image.Platform;
import io.kso.kubevuln.sbom.Sbom;
import io.kso.kubevuln.testing.TestImage;
import io.kso.kubevuln.testing.TestLayer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry client against a scripted registry on 127.0.0.1 (the JDK's HttpServer): retries,
 * token authentication, redirects and digest checks, which a well-behaved registry never shows.
 */
class RegistryClientTest {
  private HttpServer server;
  private final Map<String, byte[]> blobs = new HashMap<>();
  private final List<String> log = new ArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private int failStatus = 503;
  private String requiredAuth;
  private boolean tokenAuth;
  private boolean redirectBlobs;
  private String digestHeader;
  private TestImage image;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    image =
        TestImage.of(
            new TestLayer().file("lib/apk/db/installed", "P:zlib\nV:1.3.1-r0\nA:x86_64\n\n"));
    image.allBlobs().forEach(b -> blobs.put(b.digest(), b.content()));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    log.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " auth=" + auth);
    if (path.equals("/token")) {
      boolean ok = "Basic dTpw".equals(auth); // u:p
      send(ex, ok ? 200 : 401, ok ? "{\"token\":\"t0k\"}" : "{}", "application/json");
      return;
    }
    if (path.startsWith("/storage/")) {
      send(ex, 200, blobs.get(path.substring("/storage/".length())), "application/octet-stream");
      return;
    }
    if (failuresLeft.getAndDecrement() > 0) {
      ex.getResponseHeaders().add("Retry-After", "0");
      send(
          ex,
          failStatus,
          "{\"errors\":[{\"code\":\"BUSY\",\"message\":\"try later\"}]}",
          "application/json");
      return;
    }
    String expectedAuth = tokenAuth ? "Bearer t0k" : requiredAuth;
    if (expectedAuth != null && !expectedAuth.equals(auth)) {
      ex.getResponseHeaders()
          .add(
              "WWW-Authenticate",
              tokenAuth
                  ? "Bearer realm=\"http://"
                      + host()
                      + "/token\",service=\"fake\","
                      + "scope=\"repository:team/app:pull\""
                  : "Basic realm=\"fake\"");
      send(
          ex,
          401,
          "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"auth\"}]}",
          "application/json");
      return;
    }
    if (path.contains("/manifests/")) {
      if (digestHeader != null) {
        ex.getResponseHeaders().add("Docker-Content-Digest", digestHeader);
      }
      send(ex, 200, image.manifest(), "application/vnd.oci.image.manifest.v1+json");
    } else if (path.contains("/blobs/")) {
      String digest = path.substring(path.lastIndexOf('/') + 1);
      if (redirectBlobs) {
        // another authority for the same server: credentials must not follow
        ex.getResponseHeaders()
            .add(
                "Location",
                "http://localhost:" + server.getAddress().getPort() + "/storage/" + digest);
        send(ex, 307, new byte[0], "text/plain");
      } else {
        send(
            ex,
            blobs.containsKey(digest) ? 200 : 404,
            blobs.getOrDefault(digest, new byte[0]),
            "application/octet-stream");
      }
    } else {
      send(ex, 404, "{}", "application/json");
    }
  }

  private static void send(HttpExchange ex, int status, String body, String type)
      throws IOException {
    send(ex, status, body.getBytes(StandardCharsets.UTF_8), type);
  }

  private static void send(HttpExchange ex, int status, byte[] body, String type)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (var out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private Sbom sbom(RegistryOptions options) {
    var ref = ImageReference.parse(host() + "/team/app:1");
    try (var source =
        new RegistryImageSource(ref, new RegistryClient(options), Platform.LINUX_AMD64)) {
      return new SbomGenerator(SbomGenerator.allCatalogers(), ImageLimits.DEFAULT).generate(source);
    }
  }

  private static RegistryOptions plain() {
    return RegistryOptions.defaults().withPlainHttp(true).withRetries(4, Duration.ofMillis(1));
  }

  @Test
  void retriesServerErrorsAndRateLimitsWithBackoff() {
    failuresLeft.set(2);
    failStatus = 429;

    Sbom sbom = sbom(plain());

    assertThat(sbom.packages()).extracting(p -> p.name()).containsExactly("zlib");
    assertThat(log.stream().filter(l -> l.contains("/manifests/")).count()).isEqualTo(3);
  }

  @Test
  void givesUpAfterTheLastAttemptWithTheRegistrysError() {
    failuresLeft.set(100);

    assertThatThrownBy(() -> sbom(plain()))
        .isInstanceOfSatisfying(
            ImageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REGISTRY_ERROR))
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("BUSY: try later");
    assertThat(log).hasSize(4);
  }

  @Test
  void answersABearerChallengeWithATokenFetchedWithTheCredentials() {
    tokenAuth = true;
    var options = plain().withCredentials(h -> Optional.of(new RegistryCredentials("u", "p")));

    assertThat(sbom(options).packages()).hasSize(1);
    assertThat(log)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("GET /token?service=fake&scope=" + "repository%3Ateam%2Fapp%3Apull")
                    .endsWith("auth=Basic dTpw"));
    assertThat(log.stream().filter(l -> l.contains("/token")).count()).isEqualTo(1);
  }

  @Test
  void wrongCredentialsForTheTokenServiceAreAClearError() {
    tokenAuth = true;
    var options = plain().withCredentials(h -> Optional.of(new RegistryCredentials("u", "bad")));

    assertThatThrownBy(() -> sbom(options))
        .isInstanceOfSatisfying(
            ImageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED))
        .hasMessageContaining("check the credentials")
        .hasMessageNotContaining("bad");
  }

  @Test
  void basicChallengeWithoutCredentialsSaysSo() {
    requiredAuth = "Basic dTpw";

    assertThatThrownBy(() -> sbom(plain()))
        .hasMessageContaining("requires authentication and no credentials were given");
  }

  @Test
  void redirectedBlobsAreFetchedWithoutTheRegistrysCredentials() {
    requiredAuth = "Basic dTpw";
    redirectBlobs = true;
    var options = plain().withCredentials(h -> Optional.of(new RegistryCredentials("u", "p")));

    assertThat(sbom(options).packages()).hasSize(1);
    assertThat(log)
        .filteredOn(l -> l.contains("/storage/"))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).endsWith("auth=null"));
  }

  @Test
  void manifestNotMatchingTheServedDigestIsRefused() {
    digestHeader = "sha256:" + "0".repeat(64);

    assertThatThrownBy(() -> sbom(plain()))
        .isInstanceOfSatisfying(
            ImageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH))
        .hasMessageContaining("does not match its digest");
  }

  @Test
  void blobNotMatchingItsDigestIsRefused() {
    String layer = image.layerBlobs().get(0).digest();
    byte[] tampered = blobs.get(layer).clone();
    tampered[tampered.length / 2] ^= 0x01;
    blobs.put(layer, tampered);

    assertThatThrownBy(() -> sbom(plain()))
        .isInstanceOfSatisfying(
            ImageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH))
        .hasMessageContaining(layer);
  }
}
