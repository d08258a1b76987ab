package io.kso.gateway.relay;

import io.kso.gateway.relay.port.Receiver;
import io.kso.gateway.relay.port.RelayMetrics;
import io.kso.gateway.relay.port.RelayMetrics.Drop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The routing table of registered receivers, and the fan-out of a notification to those whose
 * attributes match its target. Whatever the source (REST, a leaf, the master), routing is the same.
 */
public final class Relay {
  private final ConcurrentMap<Long, Receiver> receivers = new ConcurrentHashMap<>();
  // The same receivers grouped by the executor they write on, for the fan-out.
  private final ConcurrentMap<Executor, ConcurrentMap<Long, Receiver>> byExecutor =
      new ConcurrentHashMap<>();
  private final RelayMetrics metrics;
  private final Duration deliveryTimeout;

  public Relay(RelayMetrics metrics, Duration deliveryTimeout) {
    this.metrics = metrics;
    this.deliveryTimeout = deliveryTimeout;
  }

  public void register(Receiver receiver) {
    receivers.put(receiver.id(), receiver);
    byExecutor
        .computeIfAbsent(receiver.executor(), e -> new ConcurrentHashMap<>())
        .put(receiver.id(), receiver);
  }

  public void unregister(Receiver receiver) {
    receivers.remove(receiver.id(), receiver);
    ConcurrentMap<Long, Receiver> group = byExecutor.get(receiver.executor());
    if (group != null) {
      group.remove(receiver.id(), receiver);
    }
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

  /**
   * Offers the notification to every matching receiver without waiting; returns how many. Matching
   * happens here; the offers run on each receiver's executor, one task per executor.
   */
  public int route(Notification notification) {
    int matched = 0;
    for (Map.Entry<Executor, ConcurrentMap<Long, Receiver>> group : byExecutor.entrySet()) {
      Receiver[] batch = matching(group.getValue(), notification);
      if (batch.length > 0) {
        matched += batch.length;
        offerOn(group.getKey(), batch, notification);
      }
    }
    return matched;
  }

  private static Receiver[] matching(Map<Long, Receiver> group, Notification notification) {
    Receiver[] batch = new Receiver[group.size()];
    int n = 0;
    for (Receiver receiver : group.values()) {
      if (receiver.attributes().matches(notification.target())) {
        if (n == batch.length) {
          batch = Arrays.copyOf(batch, n * 2 + 1);
        }
        batch[n++] = receiver;
      }
    }
    return n == batch.length ? batch : Arrays.copyOf(batch, n);
  }

  private void offerOn(Executor executor, Receiver[] batch, Notification notification) {
    try {
      executor.execute(
          () -> {
            for (Receiver receiver : batch) {
              receiver.offer(notification);
            }
          });
    } catch (RejectedExecutionException e) { // the executor is shutting down
      for (int i = 0; i < batch.length; i++) {
        metrics.dropped(Drop.CLOSED);
      }
    }
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
