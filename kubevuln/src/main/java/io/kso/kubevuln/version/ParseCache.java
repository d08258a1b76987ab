package io.kso.kubevuln.version;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parsed versions by their string: matching compares the same record bounds and package versions
 * many times. Bounded by dropping everything when full, which is rare and cheap to refill.
 */
final class ParseCache<T> {
  private static final int LIMIT = 50_000;
  private final Map<String, Optional<T>> parsed = new ConcurrentHashMap<>();
  private final Function<String, T> parser;

  ParseCache(Function<String, T> parser) {
    this.parser = parser;
  }

  /** The parse of {@code s}, or null when it does not parse. */
  T get(String s) {
    Optional<T> hit = parsed.get(s);
    if (hit == null) {
      if (parsed.size() >= LIMIT) {
        parsed.clear();
      }
      hit = Optional.ofNullable(parser.apply(s));
      parsed.put(s, hit);
    }
    return hit.orElse(null);
  }
}
