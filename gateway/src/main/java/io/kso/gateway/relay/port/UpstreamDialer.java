package io.kso.gateway.relay.port;

import io.kso.gateway.relay.Attributes;
import io.kso.gateway.relay.CloseReason;

/**
 * Opens the in-cluster gateway's websocket to its master, registering with the given attributes
 * (appended to the master's URL as query parameters) and presenting the configured credentials.
 */
public interface UpstreamDialer {

  /** Starts dialling and returns at once; the outcome arrives on {@code events}. */
  Connection dial(Attributes attributes, Events events);

  /** An open or opening link. */
  interface Connection {
    /** Closes the link; {@link Events#disconnected} follows. */
    void close(CloseReason reason, String detail);
  }

  /** Called by the dialer, from its I/O threads, in this order: connected, received*, closed. */
  interface Events {
    void connected();

    void received(byte[] message);

    /**
     * The dial failed or the link closed; called once per {@link #dial}.
     *
     * @param reason why an established link ended (ignored when the dial itself failed)
     * @param detail for people: the error, the HTTP status or the close code
     */
    void disconnected(CloseReason reason, String detail);
  }
}
