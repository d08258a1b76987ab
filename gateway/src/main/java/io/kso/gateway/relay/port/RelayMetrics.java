package io.kso.gateway.relay.port;

import io.kso.gateway.relay.CloseReason;
import io.kso.gateway.relay.Source;

/** What the gateway counts. Implementations must be cheap and must not block. */
public interface RelayMetrics {
  enum Drop {
    /** The receiver's outbound buffer was full. */
    SLOW_CONSUMER,
    /** Writing to the socket failed. */
    WRITE_FAILED,
    /** The receiver was already closing. */
    CLOSED
  }

  enum Role {
    LEAF,
    UPSTREAM
  }

  void received(Source source);

  /** A message that could not be routed (not an envelope, no target). */
  void rejected(Source source);

  /** Notifications written to receivers' sockets. */
  void delivered(int count);

  /**
   * One sample of the delivery latency: a notification that arrived at {@code receivedNanos} (
   * {@link System#nanoTime()}) has just been written to a receiver. Adapters may sample, not record
   * every write.
   */
  void deliveryLatency(long receivedNanos);

  void dropped(Drop reason);

  void disconnected(Role role, CloseReason reason);

  RelayMetrics NONE =
      new RelayMetrics() {
        @Override
        public void received(Source source) {}

        @Override
        public void rejected(Source source) {}

        @Override
        public void delivered(int count) {}

        @Override
        public void deliveryLatency(long receivedNanos) {}

        @Override
        public void dropped(Drop reason) {}

        @Override
        public void disconnected(Role role, CloseReason reason) {}
      };
}
