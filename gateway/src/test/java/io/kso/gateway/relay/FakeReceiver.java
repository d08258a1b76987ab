package io.kso.gateway.relay;

import io.kso.gateway.relay.port.Receiver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/** A receiver that keeps what it gets, and can be told to refuse or to fail its writes. */
final class FakeReceiver implements Receiver {
  private static final AtomicLong IDS = new AtomicLong();

  private final long id = IDS.incrementAndGet();
  private final Attributes attributes;
  private Executor executor = Runnable::run;
  private final List<Notification> received = new CopyOnWriteArrayList<>();
  private volatile boolean refusing;
  private volatile String failingWith;
  private volatile boolean neverCompleting;

  FakeReceiver(Map<String, String> attributes) {
    this.attributes = Attributes.of(attributes);
  }

  /** Offers reach this receiver through {@code executor} (by default on the caller's thread). */
  FakeReceiver on(Executor executor) {
    this.executor = executor;
    return this;
  }

  FakeReceiver refusing() {
    refusing = true;
    return this;
  }

  FakeReceiver failingWith(String error) {
    failingWith = error;
    return this;
  }

  FakeReceiver neverCompleting() {
    neverCompleting = true;
    return this;
  }

  List<Notification> received() {
    return received;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public Attributes attributes() {
    return attributes;
  }

  @Override
  public Executor executor() {
    return executor;
  }

  @Override
  public boolean offer(Notification notification) {
    if (refusing) {
      return false;
    }
    received.add(notification);
    return true;
  }

  @Override
  public CompletionStage<Void> deliver(Notification notification) {
    if (neverCompleting) {
      return new CompletableFuture<>();
    }
    if (refusing) {
      return CompletableFuture.failedFuture(new IllegalStateException("slow consumer"));
    }
    if (failingWith != null) {
      return CompletableFuture.failedFuture(new IllegalStateException(failingWith));
    }
    received.add(notification);
    return CompletableFuture.completedFuture(null);
  }
}
