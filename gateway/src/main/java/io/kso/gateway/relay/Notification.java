package io.kso.gateway.relay;

import io.kso.common.message.WireJson;
import java.util.Map;

/**
 * A notification as the gateway routes it: the raw bytes, forwarded unchanged, and what was read
 * from them to route them. Only {@code target} and {@code sendSynchronicity} are read; the rest of
 * the envelope is never parsed into objects nor re-serialised.
 *
 * @param body the message exactly as received
 * @param receivedNanos {@link System#nanoTime()} on arrival, for the delivery latency
 */
public record Notification(
    byte[] body,
    Map<String, String> target,
    boolean synchronous,
    Source source,
    long receivedNanos) {

  /** The part of the envelope the gateway reads; unknown keys are skipped without binding. */
  record RoutingHeader(Map<String, String> target, boolean sendSynchronicity) {}

  public Notification {
    target = Map.copyOf(target);
  }

  /**
   * @throws GatewayException {@code BAD_ENVELOPE} when the body is not a JSON envelope, {@code
   *     MISSING_TARGET} when it has no target attributes
   */
  public static Notification parse(byte[] body, Source source, long receivedNanos) {
    if (body == null || body.length == 0) {
      throw new GatewayException(GatewayException.Reason.BAD_ENVELOPE, "empty body");
    }
    RoutingHeader header;
    try {
      header = WireJson.read(body, RoutingHeader.class);
    } catch (
        RuntimeException e) { // Jackson's exceptions are unchecked; the core does not name them
      throw new GatewayException(
          GatewayException.Reason.BAD_ENVELOPE, "not a notification envelope: " + firstLine(e));
    }
    if (header == null || header.target() == null || header.target().isEmpty()) {
      throw new GatewayException(
          GatewayException.Reason.MISSING_TARGET, "the envelope has no target attributes");
    }
    if (header.target().containsKey(null) || header.target().containsValue(null)) {
      throw new GatewayException(
          GatewayException.Reason.BAD_ENVELOPE, "target attributes must be strings");
    }
    return new Notification(
        body, header.target(), header.sendSynchronicity(), source, receivedNanos);
  }

  private static String firstLine(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  @Override
  public String toString() {
    return "Notification[source=" + source + ", target=" + target + ", bytes=" + body.length + "]";
  }
}
