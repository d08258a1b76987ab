package io.kso.common.message;

import java.util.Arrays;
import java.util.Objects;

/** How messages print secret values: never the value, only whether one is there. */
public final class Redaction {
  public static final String MASK = "****";

  private Redaction() {}

  /** {@code "****"} if any of the values is present, {@code "none"} otherwise. */
  public static String mask(String... values) {
    return Arrays.stream(values).filter(Objects::nonNull).anyMatch(v -> !v.isEmpty())
        ? MASK
        : "none";
  }
}
