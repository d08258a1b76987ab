package io.kso.kubevuln.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Blank-line separated {@code Key: value} records (dpkg status) or {@code K:value} (apk). */
final class Stanzas {
  private Stanzas() {}

  /**
   * @param separator ':' for both formats; dpkg values are trimmed, and lines starting with a space
   *     continue the previous field
   */
  static List<Map<String, String>> read(InputStream in) throws IOException {
    List<Map<String, String>> result = new ArrayList<>();
    var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    Map<String, String> current = new LinkedHashMap<>();
    String lastKey = null;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          result.add(current);
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
      result.add(current);
    }
    return result;
  }
}
