package io.kso.gateway.relay;

/**
 * How much one connection may have queued for writing and not yet written: at most so many messages
 * and so many bytes. A receiver that cannot take more is too slow and is disconnected. The queue is
 * the connection's own (the transport's outbound buffer), so nothing is counted twice.
 */
public record OutboundBudget(int maxMessages, long maxBytes) {

  /** Whether one more message of {@code size} bytes fits beside what is queued. */
  public boolean admits(int queuedMessages, long queuedBytes, int size) {
    return queuedMessages + 1 <= maxMessages && queuedBytes + size <= maxBytes;
  }
}
