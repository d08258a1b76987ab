package io.kso.base.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Trusts extra root certificates (the chart's proxy certificate) besides the JVM's own. The JVM
 * reads its trusted roots from its {@code cacerts} store, not from {@code /etc/ssl/certs}, so a
 * certificate the chart mounts there would otherwise be ignored: when the PEM file named by {@code
 * KS_EXTRA_CA_FILE} (default {@code /etc/ssl/certs/proxy.crt}) exists, a trust store holding the
 * JVM's roots plus its certificates is written to the temporary directory and made the default
 * ({@code javax.net.ssl.trustStore}), before anything opens a TLS connection.
 */
public class ExtraCertificates implements EnvironmentPostProcessor {
  static final String FILE_VARIABLE = "KS_EXTRA_CA_FILE";
  static final String DEFAULT_FILE = "/etc/ssl/certs/proxy.crt";
  private static final char[] PASSWORD = "changeit".toCharArray();

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Path pem = Path.of(environment.getProperty(FILE_VARIABLE, DEFAULT_FILE));
    if (Files.isRegularFile(pem)) {
      Path store = Path.of(System.getProperty("java.io.tmpdir"), "kso-truststore.p12");
      System.getProperties().putAll(install(pem, store));
    }
  }

  /**
   * Writes the JVM's current roots plus the certificates of {@code pem} to {@code store}; returns
   * the system properties that make it the default trust store.
   */
  static Map<String, String> install(Path pem, Path store) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, PASSWORD);
      KeyStore current = currentTrustStore();
      for (String alias : java.util.Collections.list(current.aliases())) {
        if (current.isCertificateEntry(alias)) {
          trust.setCertificateEntry(alias, current.getCertificate(alias));
        }
      }
      Collection<? extends Certificate> extra;
      try (InputStream in = Files.newInputStream(pem)) {
        extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (extra.isEmpty()) {
        throw new IllegalStateException(pem + " holds no PEM certificate");
      }
      int n = 0;
      for (Certificate certificate : extra) {
        trust.setCertificateEntry("kso-extra-" + n++, certificate);
      }
      try (OutputStream out = Files.newOutputStream(store)) {
        trust.store(out, PASSWORD);
      }
      return Map.of(
          "javax.net.ssl.trustStore",
          store.toString(),
          "javax.net.ssl.trustStorePassword",
          new String(PASSWORD),
          "javax.net.ssl.trustStoreType",
          "PKCS12");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot add the certificates of " + pem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot add the certificates of " + pem + ": " + e, e);
    }
  }

  private static KeyStore currentTrustStore() throws IOException, GeneralSecurityException {
    String configured = System.getProperty("javax.net.ssl.trustStore");
    Path file =
        configured != null
            ? Path.of(configured)
            : Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    String password = System.getProperty("javax.net.ssl.trustStorePassword", "changeit");
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    if (!Files.isRegularFile(file)) {
      store.load(null, null);
      return store;
    }
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password.toCharArray());
    }
    return store;
  }
}
