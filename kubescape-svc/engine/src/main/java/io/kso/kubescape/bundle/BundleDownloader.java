package io.kso.kubescape.bundle;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * Downloads a bundle archive (zip) from a URL and checks its SHA-256 before reading it, as the
 * chart's {@code downloadArtifacts} does for Kubescape's artifacts.
 */
public final class BundleDownloader {
  private BundleDownloader() {}

  public static Map<String, String> download(URI url, String sha256) {
    if (sha256 == null || sha256.isBlank()) {
      throw new BundleException("a downloaded bundle needs its SHA-256 (--bundle-sha256)");
    }
    byte[] body;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<byte[]> r =
          client.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new BundleException("GET " + url + ": HTTP " + r.statusCode());
      }
      body = r.body();
    } catch (IOException e) {
      throw new BundleException("GET " + url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BundleException("GET " + url + ": interrupted", e);
    }
    String actual = sha256(body);
    if (!actual.equalsIgnoreCase(sha256.trim())) {
      throw new BundleException(
          "checksum mismatch for " + url + ": expected " + sha256 + ", got " + actual);
    }
    return BundleFiles.zip(body);
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
