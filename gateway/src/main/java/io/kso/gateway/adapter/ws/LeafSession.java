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
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * One leaf's websocket. Notifications are written straight to the Netty channel as one binary frame
 * each, on the channel's event loop, so a fan-out never waits for a socket. What the channel has
 * queued and not yet written (Netty's outbound buffer) is held to an {@link OutboundBudget}; a leaf
 * that exceeds it is closed as a slow consumer.
 *
 * <p>Every write is counted as delivered or failed when Netty completes it, through one listener
 * per connection rather than a new one per write. The delivery latency is sampled: the first write
 * of a connection, then one in {@value #LATENCY_SAMPLE} (staggered across connections, so that one
 * fan-out does not sample them all); sampled writes, like synchronous deliveries, get a listener of
 * their own.
 */
final class LeafSession implements Receiver {
  static final int LATENCY_SAMPLE = 64;

  private final long id;
  private final Attributes attributes;
  private final Channel channel;
  private final ChannelOutboundInvoker frameOut;
  private final WebsocketOutbound out;
  private final OutboundBudget budget;
  private final RelayMetrics metrics;
  private final Duration closeGrace;
  private final EventLoopWriter writer;
  private final SharedFrames frames;
  private final AtomicReference<CloseReason> closing = new AtomicReference<>();
  private volatile long lastHeardNanos = System.nanoTime();
  // One listener for every unsampled write, instead of a new one per write.
  private final ChannelFutureListener counted = future -> counted(future.cause());
  private long writes; // only on the event loop

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
    // Frames are already encoded: write them from the websocket encoder's place in the pipeline,
    // past it and the handlers behind it, straight towards the socket.
    ChannelHandlerContext encoder = channel.pipeline().context(WebSocketFrameEncoder.class);
    this.frameOut = encoder != null ? encoder : channel;
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
  public Executor executor() {
    return channel.eventLoop();
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
    EventLoop loop = channel.eventLoop();
    if (loop.inEventLoop()) {
      return writeNow(notification, written);
    }
    try {
      writer.execute(loop, () -> writeNow(notification, written));
    } catch (RejectedExecutionException e) {
      return refuse(Drop.CLOSED, written, "gateway stopping");
    }
    return true;
  }

  /** On the channel's event loop. */
  private boolean writeNow(Notification notification, CompletableFuture<Void> written) {
    ChannelOutboundBuffer queue = channel.unsafe().outboundBuffer();
    if (queue == null || !channel.isActive()) {
      return refuse(Drop.CLOSED, written, "connection closed");
    }
    if (!budget.admits(queue.size(), queue.totalPendingWriteBytes(), notification.body().length)) {
      refuse(Drop.SLOW_CONSUMER, written, "slow consumer: outbound buffer full");
      close(CloseReason.SLOW_CONSUMER, "outbound buffer full");
      return false;
    }
    ByteBuf frame = frames.frameOf(notification);
    long n = writes++;
    if (written == null && n != 0 && (n + id) % LATENCY_SAMPLE != 0) {
      frameOut.writeAndFlush(frame).addListener(counted); // the common case: no allocation
    } else {
      frameOut
          .writeAndFlush(frame)
          .addListener(future -> completed(notification, written, future.cause()));
    }
    return true;
  }

  /** A sampled or synchronous write has finished. */
  private void completed(
      Notification notification, CompletableFuture<Void> written, Throwable failure) {
    counted(failure);
    if (failure == null) {
      metrics.deliveryLatency(notification.receivedNanos());
      if (written != null) {
        written.complete(null);
      }
    } else if (written != null) {
      written.completeExceptionally(failure);
    }
  }

  private void counted(Throwable failure) {
    if (failure == null) {
      metrics.delivered(1);
    } else {
      metrics.dropped(Drop.WRITE_FAILED);
    }
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
