package io.kso.operator.adapter.http;

import io.kso.common.http.JsonPost;
import io.kso.common.message.RegistryScanRequest;
import io.kso.common.message.ScanImageRequest;
import io.kso.common.message.WireJson;
import io.kso.operator.port.ImageScanner;
import io.kso.operator.port.ScannerException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * kubevuln over HTTP: {@code POST /v1/scanImage} and {@code /v1/scanRegistryImage}. A refused
 * connection (kubevuln restarting) is tried again a few times; any answer outside 200–203 is an
 * error.
 */
public final class HttpImageScanner implements ImageScanner {
  private final JsonPost post;
  private final URI scanImage;
  private final URI scanRegistryImage;

  public HttpImageScanner(HttpClient http, String hostPort, int attempts, Duration retryDelay) {
    this.post = new JsonPost(http, attempts, retryDelay, Duration.ofSeconds(30));
    String base = hostPort.contains("://") ? hostPort : "http://" + hostPort;
    this.scanImage = URI.create(base + "/v1/scanImage");
    this.scanRegistryImage = URI.create(base + "/v1/scanRegistryImage");
  }

  @Override
  public void scanImage(ScanImageRequest request) {
    post(scanImage, WireJson.write(request));
  }

  @Override
  public void scanRegistryImage(RegistryScanRequest request) {
    post(scanRegistryImage, WireJson.write(request));
  }

  private void post(URI target, byte[] body) {
    JsonPost.Outcome outcome;
    try {
      outcome = post.send(target, body, JsonPost.RetryOn.REFUSED_CONNECTION);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScannerException("interrupted", e);
    }
    if (outcome.error() instanceof ConnectException e) {
      throw new ScannerException(
          "kubevuln at " + target + " refused " + outcome.attempts() + " connections", e);
    }
    if (!outcome.answered()) {
      throw new ScannerException("POST " + target + " failed: " + outcome.error(), outcome.error());
    }
    if (outcome.status() < 200 || outcome.status() > 203) {
      throw new ScannerException(
          "POST " + target + " answered " + outcome.status() + ": " + outcome.body(), null);
    }
  }
}
