package io.kso.base.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;

/**
 * The API server is reachable when it answers {@code GET /version} with anything but an
 * authentication failure. Unreachable means the service cannot do its work: readiness goes DOWN.
 */
final class KubernetesApiCheck {
  private final KubernetesClient client;
  private final Duration timeout;

  KubernetesApiCheck(KubernetesClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  Health check() {
    String master = client.getConfiguration().getMasterUrl();
    URI version = URI.create(master.endsWith("/") ? master + "version" : master + "/version");
    HttpClient http = client.getHttpClient();
    HttpRequest request = http.newHttpRequestBuilder().uri(version).build();
    try {
      HttpResponse<String> response =
          http.sendAsync(request, String.class).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      int code = response.code();
      Health.Builder health = code == 401 || code == 403 ? Health.down() : Health.up();
      return health.withDetail("apiServer", master).withDetail("httpStatus", code).build();
    } catch (TimeoutException e) {
      return down(master, "no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      return down(master, "unreachable: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return down(master, "interrupted");
    }
  }

  private static Health down(String master, String error) {
    return Health.down().withDetail("apiServer", master).withDetail("error", error).build();
  }
}
