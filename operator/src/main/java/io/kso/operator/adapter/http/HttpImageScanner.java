package io.kso.operator.adapter.http;

import io.kso.common.message.RegistryScanRequest;
import io.kso.common.message.ScanImageRequest;
import io.kso.common.message.WireJson;
import io.kso.operator.port.ImageScanner;
import io.kso.operator.port.ScannerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * kubevuln over HTTP: {@code POST /v1/scanImage} and {@code /v1/scanRegistryImage}. A refused
 * connection (kubevuln restarting) is tried again a few times; any answer outside 200–203 is an
 * error.
 */
public final class HttpImageScanner implements ImageScanner {
  private final HttpClient http;
  private final URI scanImage;
  private final URI scanRegistryImage;
  private final int attempts;
  private final Duration retryDelay;

  public HttpImageScanner(HttpClient http, String hostPort, int attempts, Duration retryDelay) {
    this.http = http;
    String base = hostPort.contains("://") ? hostPort : "http://" + hostPort;
    this.scanImage = URI.create(base + "/v1/scanImage");
    this.scanRegistryImage = URI.create(base + "/v1/scanRegistryImage");
    this.attempts = attempts;
    this.retryDelay = retryDelay;
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
    HttpRequest post =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> response =
            http.send(post, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() < 200 || response.statusCode() > 203) {
          throw new ScannerException(
              "POST " + target + " answered " + response.statusCode() + ": " + response.body(),
              null);
        }
        return;
      } catch (ConnectException e) {
        if (attempt >= attempts) {
          throw new ScannerException(
              "kubevuln at " + target + " refused " + attempts + " connections", e);
        }
        pause();
      } catch (IOException e) {
        throw new ScannerException("POST " + target + " failed: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ScannerException("interrupted", e);
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(retryDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
