package io.kso.httprequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One request header. {@link #toString()} masks the value of headers that may carry credentials.
 */
public record Header(String name, String value) {
  private static final Pattern SENSITIVE =
      Pattern.compile("auth|cookie|token|secret|key|pass|session|credential|signature");

  /**
   * Parses the Go client's {@code -headers} syntax: {@code Key:Value;Key2:Value2}, split on {@code
   * ;} and then on the first {@code :}. Empty entries are skipped; an entry without a name is an
   * error.
   */
  public static List<Header> parseAll(String spec) {
    List<Header> headers = new ArrayList<>();
    for (String entry : spec.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      int colon = entry.indexOf(':');
      String name = colon < 0 ? "" : entry.substring(0, colon).trim();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("bad header '" + entry.trim() + "', want Key:Value");
      }
      headers.add(new Header(name, entry.substring(colon + 1).trim()));
    }
    return List.copyOf(headers);
  }

  public static boolean isSensitive(String name) {
    return SENSITIVE.matcher(name.toLowerCase(Locale.ROOT)).find();
  }

  @Override
  public String toString() {
    return name + ": " + (isSensitive(name) ? "***" : value);
  }
}
