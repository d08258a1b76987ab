package io.kso.base.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether an optional backend (the event receiver) answers a TCP connect. Not configured is fine
 * (offline by default, status UP); configured but unreachable is reported as UNKNOWN with the
 * reason, which shows in readiness without taking the service out of traffic.
 */
public final class EndpointReachability {
  private final String key;
  private final String url;
  private final Duration timeout;

  public EndpointReachability(String key, String url, Duration timeout) {
    this.key = key;
    this.url = url == null ? "" : url.strip();
    this.timeout = timeout;
  }

  public Health check() {
    if (url.isEmpty()) {
      return Health.up().withDetail(key, "not configured").build();
    }
    InetSocketAddress address;
    try {
      address = address(url);
    } catch (IllegalArgumentException e) {
      return Health.status(Status.UNKNOWN)
          .withDetail(key, url)
          .withDetail("error", e.getMessage())
          .build();
    }
    try (Socket socket = new Socket()) {
      socket.connect(address, (int) timeout.toMillis());
      return Health.up().withDetail(key, url).build();
    } catch (IOException e) {
      return Health.status(Status.UNKNOWN)
          .withDetail(key, url)
          .withDetail("error", "unreachable: " + e.getMessage())
          .build();
    }
  }

  /** {@code https://host[:port]/path}, {@code wss://…} or a bare {@code host:port}. */
  static InetSocketAddress address(String url) {
    URI uri = URI.create(url.contains("://") ? url : "tcp://" + url);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("not a URL: " + url);
    }
    int port = uri.getPort();
    if (port < 0) {
      String scheme = uri.getScheme();
      port = "https".equals(scheme) || "wss".equals(scheme) ? 443 : 80;
    }
    return new InetSocketAddress(uri.getHost(), port);
  }
}
