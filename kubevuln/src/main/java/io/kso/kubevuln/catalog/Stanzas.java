package io.kso.kubevuln.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Blank-line separated {@code Key: value} records (dpkg status) or {@code K:value} (apk). */
final class Stanzas {
  private Stanzas() {}

  /**
   * Hands each stanza over as it is read (memory holds one stanza, not the database); lines that
   * start with a space continue the previous field.
   */
  static void forEach(InputStream in, java.util.function.Consumer<Map<String, String>> each)
      throws IOException {
    var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    Map<String, String> current = new LinkedHashMap<>();
    String lastKey = null;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          each.accept(current);
          current = new LinkedHashMap<>();
        }
        lastKey = null;
      } else if ((line.startsWith(" ") || line.startsWith("\t")) && lastKey != null) {
        current.merge(lastKey, "\n" + line.trim(), String::concat);
      } else {
        int colon = line.indexOf(':');
        if (colon > 0) {
          lastKey = line.substring(0, colon);
          current.putIfAbsent(lastKey, line.substring(colon + 1).trim());
        }
      }
    }
    if (!current.isEmpty()) {
      each.accept(current);
    }
  }
}
