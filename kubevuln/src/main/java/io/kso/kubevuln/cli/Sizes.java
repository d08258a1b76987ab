package io.kso.kubevuln.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people write them: {@code 1048576}, {@code 512MiB}, {@code 8GiB}, {@code 2GB}. */
final class Sizes {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?)b?");

  private Sizes() {}

  static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size: " + text + " (try 512MiB or 8GiB)");
    }
    long base = m.group(3).isEmpty() && !m.group(2).isEmpty() ? 1000 : 1024;
    int power = "kmgt".indexOf(m.group(2)) + 1;
    long value = Long.parseLong(m.group(1));
    for (int i = 0; i < power; i++) {
      value = Math.multiplyExact(value, base);
    }
    return value;
  }
}
