package io.kso.gateway.adapter.ws;

import io.kso.gateway.relay.CloseReason;
import java.nio.charset.StandardCharsets;

/** Websocket close status codes (RFC 6455 §7.4) for the reasons the gateway closes a link. */
final class CloseCodes {
  static final int NORMAL = 1000;
  static final int GOING_AWAY = 1001;
  static final int POLICY_VIOLATION = 1008;
  static final int TRY_AGAIN_LATER = 1013;

  private CloseCodes() {}

  static int of(CloseReason reason) {
    return switch (reason) {
      case BAD_MESSAGE -> POLICY_VIOLATION;
      case SLOW_CONSUMER -> TRY_AGAIN_LATER;
      case KEEPALIVE_TIMEOUT, SHUTDOWN -> GOING_AWAY;
      case PEER_CLOSED -> NORMAL;
    };
  }

  /** A close reason is at most 123 bytes of UTF-8; longer details are cut. */
  static String reasonText(String detail) {
    String text = detail == null ? "" : detail;
    while (text.getBytes(StandardCharsets.UTF_8).length > 123) {
      text = text.substring(0, text.length() - 1);
    }
    return text;
  }
}
