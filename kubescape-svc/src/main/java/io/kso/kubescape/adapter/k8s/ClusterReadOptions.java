package io.kso.kubescape.adapter.k8s;

import java.time.Duration;

/**
 * How {@link Fabric8ClusterObjects} reads.
 *
 * @param pageSize objects per list request ({@code limit}); kubectl's default is 500
 * @param parallelism list requests in flight at once (one kind, or one kind in one namespace, each)
 * @param requestTimeout one request, headers and body
 * @param retries retries of a request that failed to connect or got a 5xx answer (with the client's
 *     backoff interval); the client's own default (10) makes an unreachable server take about 20 s
 *     per request
 */
public record ClusterReadOptions(
    int pageSize, int parallelism, Duration requestTimeout, int retries) {
  public ClusterReadOptions {
    if (pageSize < 1 || parallelism < 1 || retries < 0) {
      throw new IllegalArgumentException("pageSize and parallelism >= 1, retries >= 0");
    }
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
  }

  public static ClusterReadOptions defaults() {
    return new ClusterReadOptions(500, 4, Duration.ofSeconds(30), 2);
  }
}
