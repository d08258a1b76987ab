package io.kso.common.config;

import java.util.Objects;

/**
 * Checks for configuration records, done in their compact constructors so that a bad setting stops
 * the service at startup with the property's name in the message. (Bean Validation would do the
 * same at the cost of a few hundred classes loaded at every start.)
 */
public final class Settings {
  private Settings() {}

  public static <T> T required(T value, String property) {
    return Objects.requireNonNull(value, property + " must be set");
  }

  public static String notBlank(String value, String property) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(property + " must not be blank");
    }
    return value;
  }

  public static int atLeast(int value, int min, String property) {
    if (value < min) {
      throw new IllegalArgumentException(property + " must be at least " + min + ", was " + value);
    }
    return value;
  }

  public static int port(int value, String property) {
    if (value < 1 || value > 65535) {
      throw new IllegalArgumentException(property + " must be a port (1-65535), was " + value);
    }
    return value;
  }
}
