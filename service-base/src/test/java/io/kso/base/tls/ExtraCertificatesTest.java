package io.kso.base.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS server whose certificate only the extra PEM vouches for (a proxy's own CA, say) is trusted
 * through the store {@link ExtraCertificates} writes, and not without it.
 */
class ExtraCertificatesTest {
  private static final String SECRET = "server-secret";
  @TempDir Path dir;
  private HttpsServer server;
  private Path pem;

  @BeforeEach
  void start() throws Exception {
    Path keystore = dir.resolve("server.p12");
    pem = dir.resolve("proxy.crt");
    keytool(
        "-genkeypair",
        "-alias",
        "proxy",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=proxy.test",
        "-ext",
        "san=ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        keystore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        SECRET);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "proxy",
        "-keystore",
        keystore.toString(),
        "-storepass",
        SECRET,
        "-file",
        pem.toString());

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, SECRET.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, SECRET.toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void theExtraCertificateIsTrustedBesideTheJvmsRoots() throws Exception {
    Map<String, String> properties = ExtraCertificates.install(pem, dir.resolve("trust.p12"));

    KeyStore written = KeyStore.getInstance("PKCS12");
    try (InputStream in =
        Files.newInputStream(Path.of(properties.get("javax.net.ssl.trustStore")))) {
      written.load(in, properties.get("javax.net.ssl.trustStorePassword").toCharArray());
    }
    assertThat(written.size()).isGreaterThan(50);
    assertThat(get(trusting(written)).statusCode()).isEqualTo(204);
  }

  @Test
  void withoutItTheServerIsRefused() {
    assertThatThrownBy(() -> get(trusting(null))).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void aFileWithoutCertificatesIsAClearError() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.crt"), "");

    assertThatThrownBy(() -> ExtraCertificates.install(empty, dir.resolve("t.p12")))
        .hasMessageContaining("empty.crt");
  }

  private HttpResponse<Void> get(SSLContext tls) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
    return client.send(
        HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/"))
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private static SSLContext trusting(KeyStore store) throws Exception {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return tls;
  }

  private static void keytool(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
  }
}
