package io.kso.gateway.relay;

import java.util.Locale;

/** Where a notification came in. */
public enum Source {
  REST,
  LEAF,
  UPSTREAM;

  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
