package io.kso.gateway.adapter.ws;

import io.kso.gateway.relay.Attributes;
import io.kso.gateway.relay.CloseReason;
import io.kso.gateway.relay.Notification;
import io.kso.gateway.relay.OutboundBudget;
import io.kso.gateway.relay.port.Receiver;
import io.kso.gateway.relay.port.RelayMetrics;
import io.kso.gateway.relay.port.RelayMetrics.Drop;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * One leaf's websocket. Notifications are written straight to the Netty channel as one binary frame
 * each, so a fan-out never waits for a socket; what is queued and not yet written is counted
 * against an {@link OutboundBudget}, and a leaf that exceeds it is closed as a slow consumer.
 */
final class LeafSession implements Receiver {
  private final long id;
  private final Attributes attributes;
  private final Channel channel;
  private final WebsocketOutbound out;
  private final OutboundBudget budget;
  private final RelayMetrics metrics;
  private final Duration closeGrace;
  private final EventLoopWriter writer;
  private final SharedFrames frames;
  private final AtomicReference<CloseReason> closing = new AtomicReference<>();
  private volatile long lastHeardNanos = System.nanoTime();

  LeafSession(
      long id,
      Attributes attributes,
      Channel channel,
      WebsocketOutbound out,
      Limits limits,
      RelayMetrics metrics,
      Writers writers) {
    this.id = id;
    this.attributes = attributes;
    this.channel = channel;
    this.out = out;
    this.budget = new OutboundBudget(limits.queueMessages(), limits.queueBytes());
    this.metrics = metrics;
    this.closeGrace = limits.closeGrace();
    this.writer = writers.loops();
    this.frames = writers.frames();
  }

  /** What all sessions of one server share for writing. */
  record Writers(EventLoopWriter loops, SharedFrames frames) {}

  /** Per-connection bounds. */
  record Limits(int queueMessages, long queueBytes, Duration closeGrace) {}

  @Override
  public long id() {
    return id;
  }

  @Override
  public Attributes attributes() {
    return attributes;
  }

  @Override
  public boolean offer(Notification notification) {
    return write(notification, null);
  }

  @Override
  public CompletionStage<Void> deliver(Notification notification) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    write(notification, written);
    return written;
  }

  private boolean write(Notification notification, CompletableFuture<Void> written) {
    if (closing.get() != null) {
      return refuse(Drop.CLOSED, written, "connection closing");
    }
    int size = notification.body().length;
    if (!budget.tryAcquire(size)) {
      refuse(Drop.SLOW_CONSUMER, written, "slow consumer: outbound buffer full");
      close(CloseReason.SLOW_CONSUMER, "outbound buffer full");
      return false;
    }
    ByteBuf frame = frames.frameOf(notification);
    try {
      writer.execute(channel.eventLoop(), () -> writeNow(notification, frame, size, written));
    } catch (RejectedExecutionException e) {
      frame.release();
      budget.release(size);
      return refuse(Drop.CLOSED, written, "gateway stopping");
    }
    return true;
  }

  /** On the channel's event loop. */
  private void writeNow(
      Notification notification, ByteBuf frame, int size, CompletableFuture<Void> written) {
    channel
        .writeAndFlush(frame)
        .addListener(
            future -> {
              budget.release(size);
              if (future.isSuccess()) {
                metrics.delivered(notification.receivedNanos());
                if (written != null) {
                  written.complete(null);
                }
              } else {
                metrics.dropped(Drop.WRITE_FAILED);
                if (written != null) {
                  written.completeExceptionally(future.cause());
                }
              }
            });
  }

  private boolean refuse(Drop drop, CompletableFuture<Void> written, String why) {
    metrics.dropped(drop);
    if (written != null) {
      written.completeExceptionally(new IllegalStateException(why));
    }
    return false;
  }

  void heard() {
    lastHeardNanos = System.nanoTime();
  }

  long lastHeardNanos() {
    return lastHeardNanos;
  }

  void ping() {
    if (closing.get() == null) {
      try {
        writer.execute(channel.eventLoop(), () -> channel.writeAndFlush(new PingWebSocketFrame()));
      } catch (RejectedExecutionException e) {
        // stopping: nothing left to keep alive
      }
    }
  }

  /**
   * Sends a close frame and cuts the connection after the grace period, whether or not the peer
   * answered (a slow or dead peer may never read the frame). Only the first call counts.
   */
  void close(CloseReason reason, String detail) {
    if (!closing.compareAndSet(null, reason)) {
      return;
    }
    out.sendClose(CloseCodes.of(reason), CloseCodes.reasonText(detail)).subscribe(null, e -> {});
    channel
        .eventLoop()
        .schedule(() -> channel.close(), closeGrace.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Why the connection ended: the reason this side closed it, or the peer's doing. */
  CloseReason closeReason() {
    CloseReason reason = closing.get();
    return reason == null ? CloseReason.PEER_CLOSED : reason;
  }

  @Override
  public String toString() {
    return "LeafSession[" + id + " " + attributes + "]";
  }
}
