package io.kso.gateway.relay.port;

import io.kso.gateway.relay.Attributes;
import io.kso.gateway.relay.Notification;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A connection the gateway delivers notifications to: a leaf registered on the websocket endpoint.
 * Both methods return at once; neither waits for the network, so one slow receiver never holds up a
 * fan-out. A receiver whose outbound buffer is full refuses the message and disconnects itself.
 */
public interface Receiver {
  long id();

  Attributes attributes();

  /**
   * The thread this receiver writes on (a connection's event loop). A fan-out hands each executor
   * one task that offers the notification to all of its matching receivers, instead of one task per
   * receiver; {@link #offer} is then called on that executor.
   */
  Executor executor();

  /** Queues the message for writing; {@code false} when it was refused (closed, or over budget). */
  boolean offer(Notification notification);

  /**
   * Queues the message and completes when it has been written to the socket, or exceptionally with
   * the reason it was refused or failed.
   */
  CompletionStage<Void> deliver(Notification notification);
}
