package io.kso.gateway.relay;

import io.kso.gateway.relay.port.RelayMetrics;
import io.kso.gateway.relay.port.UpstreamDialer;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * One websocket from this in-cluster gateway up to the master, registered with one set of
 * attributes. It never gives up: every loss is followed by a new dial after a backoff, for as long
 * as the gateway runs. What the master sends down is routed to the local leaves.
 */
public final class UpstreamLink {
  public enum State {
    CONNECTING,
    CONNECTED,
    DISCONNECTED,
    STOPPED
  }

  /**
   * @param failures dials failed (or links lost) since the link was last connected
   * @param lastError why the last dial failed or the last link ended; empty when none did
   * @param since when the link entered its state
   */
  public record Status(
      Attributes attributes, State state, int failures, String lastError, Instant since) {}

  /** What a link needs from the gateway around it. */
  public record Context(
      UpstreamDialer dialer,
      Relay relay,
      Backoff backoff,
      ScheduledExecutorService scheduler,
      RelayMetrics metrics,
      Consumer<Status> onChange,
      DoubleSupplier random,
      Clock clock) {}

  private final Attributes attributes;
  private final Context context;
  private State state = State.DISCONNECTED;
  private int failures;
  private String lastError = "";
  private Instant since;
  private long generation;
  private UpstreamDialer.Connection connection;
  private ScheduledFuture<?> retry;

  public UpstreamLink(Attributes attributes, Context context) {
    this.attributes = attributes;
    this.context = context;
    this.since = context.clock().instant();
  }

  public Attributes attributes() {
    return attributes;
  }

  public synchronized Status status() {
    return new Status(attributes, state, failures, lastError, since);
  }

  public synchronized boolean connected() {
    return state == State.CONNECTED;
  }

  public void start() {
    Status changed;
    synchronized (this) {
      if (state != State.DISCONNECTED || retry != null) {
        return;
      }
      changed = dial();
    }
    context.onChange().accept(changed);
  }

  public void stop() {
    UpstreamDialer.Connection open;
    Status changed;
    synchronized (this) {
      if (state == State.STOPPED) {
        return;
      }
      open = connection;
      connection = null;
      generation++;
      if (retry != null) {
        retry.cancel(false);
        retry = null;
      }
      changed = enter(State.STOPPED);
    }
    if (open != null) {
      open.close(CloseReason.SHUTDOWN, "gateway stopping");
    }
    context.onChange().accept(changed);
  }

  private Status dial() {
    retry = null;
    long attempt = ++generation;
    Status changed = enter(State.CONNECTING);
    UpstreamDialer.Connection opened = context.dialer().dial(attributes, new Attempt(attempt));
    if (attempt == generation && state != State.DISCONNECTED) {
      connection = opened; // unless the dial already failed, synchronously
    }
    return changed;
  }

  private void redial() {
    Status changed;
    synchronized (this) {
      if (state != State.DISCONNECTED) {
        return;
      }
      changed = dial();
    }
    context.onChange().accept(changed);
  }

  private void scheduleRedial() {
    long delay = context.backoff().delay(failures, context.random().getAsDouble()).toNanos();
    try {
      retry = context.scheduler().schedule(this::redial, delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      retry = null; // the gateway is shutting down
    }
  }

  private Status enter(State next) {
    state = next;
    since = context.clock().instant();
    return new Status(attributes, state, failures, lastError, since);
  }

  /** The events of one dial; those of a superseded dial are ignored. */
  private final class Attempt implements UpstreamDialer.Events {
    private final long attempt;

    Attempt(long attempt) {
      this.attempt = attempt;
    }

    @Override
    public void connected() {
      Status changed;
      synchronized (UpstreamLink.this) {
        if (attempt != generation) {
          return;
        }
        failures = 0;
        lastError = "";
        changed = enter(State.CONNECTED);
      }
      context.onChange().accept(changed);
    }

    @Override
    public void received(byte[] message) {
      try {
        context.relay().route(context.relay().accept(message, Source.UPSTREAM));
      } catch (GatewayException e) {
        UpstreamDialer.Connection open;
        synchronized (UpstreamLink.this) {
          open = attempt == generation ? connection : null;
        }
        if (open != null) {
          open.close(CloseReason.BAD_MESSAGE, e.getMessage());
        }
      }
    }

    @Override
    public void disconnected(CloseReason reason, String detail) {
      Status changed;
      synchronized (UpstreamLink.this) {
        if (attempt != generation) {
          return;
        }
        if (state == State.CONNECTED) {
          context.metrics().disconnected(RelayMetrics.Role.UPSTREAM, reason);
        }
        connection = null;
        failures++;
        lastError = detail;
        changed = enter(State.DISCONNECTED);
        scheduleRedial();
      }
      context.onChange().accept(changed);
    }
  }
}
