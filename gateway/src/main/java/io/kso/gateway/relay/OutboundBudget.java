package io.kso.gateway.relay;

/**
 * How much one connection may have queued for writing and not yet written: at most so many messages
 * and so many bytes. A receiver that cannot take more is too slow and is disconnected.
 */
public final class OutboundBudget {
  private final int maxMessages;
  private final long maxBytes;
  private int messages;
  private long bytes;

  public OutboundBudget(int maxMessages, long maxBytes) {
    this.maxMessages = maxMessages;
    this.maxBytes = maxBytes;
  }

  /** Takes room for one message; {@code false} (and nothing taken) when it does not fit. */
  public synchronized boolean tryAcquire(int size) {
    if (messages + 1 > maxMessages || bytes + size > maxBytes) {
      return false;
    }
    messages++;
    bytes += size;
    return true;
  }

  /** Gives back the room of one written (or failed) message. */
  public synchronized void release(int size) {
    messages--;
    bytes -= size;
  }

  public synchronized int queuedMessages() {
    return messages;
  }

  public synchronized long queuedBytes() {
    return bytes;
  }
}
