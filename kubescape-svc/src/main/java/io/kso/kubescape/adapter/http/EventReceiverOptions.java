package io.kso.kubescape.adapter.http;

import io.kso.kubescape.posture.PostureReportChunks;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link EventReceiverReportPublisher} sends posture reports. Holds the access key:
 * {@link #toString()} does not show it.
 *
 * @param eventReceiverUrl the event receiver's REST base, {@code eventReceiverRestURL} of the cloud
 *     config ({@code http://} is assumed when it names no scheme)
 * @param accessKey sent as {@code X-API-KEY}; empty for none
 * @param maxChunkBytes the bytes of items one chunk may hold (Kubescape: 2 MiB)
 * @param retry how often a chunk is sent again after a transient failure
 * @param requestTimeout how long one attempt may take
 */
public record EventReceiverOptions(
    URI eventReceiverUrl,
    String accessKey,
    int maxChunkBytes,
    Retry retry,
    Duration requestTimeout) {

  public EventReceiverOptions {
    Objects.requireNonNull(eventReceiverUrl, "eventReceiverUrl");
    accessKey = accessKey == null ? "" : accessKey;
    if (maxChunkBytes < 1) {
      throw new IllegalArgumentException("maxChunkBytes must be positive");
    }
    retry = retry == null ? Retry.DEFAULT : retry;
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(60) : requestTimeout;
  }

  /** Kubescape's chunk size, the default retries, no access key. */
  public static EventReceiverOptions of(URI eventReceiverUrl) {
    return new EventReceiverOptions(
        eventReceiverUrl, "", PostureReportChunks.KUBESCAPE_MAX_ITEM_BYTES, Retry.DEFAULT, null);
  }

  @Override
  public String toString() {
    return ("EventReceiverOptions[eventReceiverUrl=%s, accessKey=%s, maxChunkBytes=%d,"
            + " retry=%s, requestTimeout=%s]")
        .formatted(
            eventReceiverUrl,
            accessKey.isEmpty() ? "none" : "****",
            maxChunkBytes,
            retry,
            requestTimeout);
  }

  /**
   * How often and how patiently a chunk is sent again.
   *
   * @param maxAttempts sends of one chunk, the first included
   * @param initialBackoff the wait after the first failure; it doubles after each next one
   * @param maxBackoff the longest wait
   */
  public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public static final Retry DEFAULT = new Retry(3, Duration.ofSeconds(1), Duration.ofSeconds(30));

    public Retry {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
      }
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /**
     * The wait after failed attempt {@code attempt} (from 1); {@code retryAfter} (may be null), the
     * server's {@code Retry-After}, when it is longer.
     */
    Duration backoff(int attempt, Duration retryAfter) {
      Duration d = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 30));
      if (retryAfter != null && retryAfter.compareTo(d) > 0) {
        d = retryAfter;
      }
      return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
  }
}
