package io.kso.gateway.relay;

import java.util.Locale;

/** Why a connection ended. */
public enum CloseReason {
  /** The peer closed it, or the network did. */
  PEER_CLOSED,
  /** The peer sent something that is not a routable envelope. */
  BAD_MESSAGE,
  /** The peer did not read fast enough and its outbound buffer filled up. */
  SLOW_CONSUMER,
  /** The peer answered no ping for too long. */
  KEEPALIVE_TIMEOUT,
  /** This gateway is stopping. */
  SHUTDOWN;

  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
