package io.kso.kubescape.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code matchesAny(text, patterns)}: true when any regular expression of the list is found in the
 * text (RE2-style partial match, as CEL's matches()). Patterns compile once per process.
 */
final class Patterns {
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
  private static final Pattern NEVER = Pattern.compile("(?!)");

  private Patterns() {}

  static boolean matchesAny(String text, Object patterns) {
    for (Object p : K8s.list(patterns)) {
      if (CACHE.computeIfAbsent(String.valueOf(p), Patterns::compile).matcher(text).find()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern compile(String p) {
    try {
      return Pattern.compile(p);
    } catch (PatternSyntaxException e) {
      return NEVER;
    }
  }
}
