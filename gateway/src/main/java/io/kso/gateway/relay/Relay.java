package io.kso.gateway.relay;

import io.kso.gateway.relay.port.Receiver;
import io.kso.gateway.relay.port.RelayMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The routing table of registered receivers, and the fan-out of a notification to those whose
 * attributes match its target. Whatever the source (REST, a leaf, the master), routing is the same.
 */
public final class Relay {
  private final ConcurrentMap<Long, Receiver> receivers = new ConcurrentHashMap<>();
  private final RelayMetrics metrics;
  private final Duration deliveryTimeout;

  public Relay(RelayMetrics metrics, Duration deliveryTimeout) {
    this.metrics = metrics;
    this.deliveryTimeout = deliveryTimeout;
  }

  public void register(Receiver receiver) {
    receivers.put(receiver.id(), receiver);
  }

  public void unregister(Receiver receiver) {
    receivers.remove(receiver.id(), receiver);
  }

  public int size() {
    return receivers.size();
  }

  /**
   * Reads the routing header of a message and counts it as received, or as rejected.
   *
   * @throws GatewayException when the message is not a routable envelope
   */
  public Notification accept(byte[] body, Source source) {
    try {
      Notification notification = Notification.parse(body, source, System.nanoTime());
      metrics.received(source);
      return notification;
    } catch (GatewayException e) {
      metrics.rejected(source);
      throw e;
    }
  }

  /** Offers the notification to every matching receiver without waiting; returns how many. */
  public int route(Notification notification) {
    int matched = 0;
    for (Receiver receiver : receivers.values()) {
      if (receiver.attributes().matches(notification.target())) {
        matched++;
        receiver.offer(notification);
      }
    }
    return matched;
  }

  /**
   * Delivers to every matching receiver and completes when every write has finished, with one line
   * per receiver that could not be written to (empty when all succeeded).
   */
  public CompletableFuture<List<String>> deliver(Notification notification) {
    List<CompletableFuture<String>> writes = new ArrayList<>();
    for (Receiver receiver : receivers.values()) {
      if (receiver.attributes().matches(notification.target())) {
        writes.add(outcome(receiver, notification));
      }
    }
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> writes.stream().map(CompletableFuture::join).filter(f -> f != null).toList());
  }

  private CompletableFuture<String> outcome(Receiver receiver, Notification notification) {
    return receiver
        .deliver(notification)
        .toCompletableFuture()
        .orTimeout(deliveryTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((ok, error) -> error == null ? null : failure(receiver, error));
  }

  private static String failure(Receiver receiver, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String why = cause instanceof TimeoutException ? "write timed out" : cause.getMessage();
    return "connection " + receiver.id() + " " + receiver.attributes() + ": " + why;
  }
}
