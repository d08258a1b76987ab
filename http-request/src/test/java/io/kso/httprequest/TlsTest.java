package io.kso.httprequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS against a server whose self-signed certificate names another host. */
class TlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static SSLContext serverTls;

  private RecordingServer server;

  @BeforeAll
  static void selfSignedCertificate(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=elsewhere.example",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    serverTls = SSLContext.getInstance("TLS");
    serverTls.init(keys.getKeyManagers(), null, null);
  }

  @BeforeEach
  void start() {
    server = RecordingServer.https(serverTls);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anUntrustedCertificateExitsFourWithoutRetrying() {
    Cli cli = Cli.run("-method=post", "-scheme=https", "-host=" + server.hostPort());

    assertThat(cli.exitCode()).isEqualTo(ExitCode.TRANSPORT.code());
    assertThat(cli.reason())
        .isEqualTo(
            "http-request: POST https://"
                + server.hostPort()
                + "/: TLS failure: unable to find valid certification path to requested target"
                + " after 1 attempt");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void skipSslVerifyAcceptsAnyCertificateAndHostName() {
    Cli cli =
        Cli.run(
            "-method=get",
            "-scheme=https",
            "-host=" + server.hostPort(),
            "-path=api/v1/servicediscovery",
            "-skip-ssl-verify");

    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains("TLS certificate and host name checks are off");
    assertThat(server.only().path()).isEqualTo("/api/v1/servicediscovery");
  }
}
