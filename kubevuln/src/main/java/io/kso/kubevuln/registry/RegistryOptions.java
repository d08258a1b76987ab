package io.kso.kubevuln.registry;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to talk to registries.
 *
 * @param plainHttp talk HTTP instead of HTTPS (for registries on a trusted network or loopback)
 * @param credentials credentials by registry host ({@code docker.io}, {@code 127.0.0.1:5000})
 * @param maxAttempts attempts per request on 429, 5xx and connection errors
 * @param initialBackoff the first wait between attempts; each next wait doubles
 */
public record RegistryOptions(
    boolean plainHttp,
    Function<String, Optional<RegistryCredentials>> credentials,
    int maxAttempts,
    Duration initialBackoff) {
  public static final Function<String, Optional<RegistryCredentials>> ANONYMOUS =
      host -> Optional.empty();

  public static RegistryOptions defaults() {
    return new RegistryOptions(false, ANONYMOUS, 5, Duration.ofMillis(500));
  }

  public RegistryOptions withPlainHttp(boolean plain) {
    return new RegistryOptions(plain, credentials, maxAttempts, initialBackoff);
  }

  public RegistryOptions withCredentials(Function<String, Optional<RegistryCredentials>> c) {
    return new RegistryOptions(plainHttp, c, maxAttempts, initialBackoff);
  }

  public RegistryOptions withRetries(int attempts, Duration backoff) {
    return new RegistryOptions(plainHttp, credentials, attempts, backoff);
  }
}
