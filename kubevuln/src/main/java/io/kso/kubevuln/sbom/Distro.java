package io.kso.kubevuln.sbom;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The image's operating system, from {@code /etc/os-release}.
 *
 * @param id {@code ID}: debian, ubuntu, alpine, rhel, ...
 * @param versionId {@code VERSION_ID}: 12, 22.04, 3.19.1, ...
 * @param versionCodename {@code VERSION_CODENAME}, or null
 * @param prettyName {@code PRETTY_NAME}, or null
 */
public record Distro(String id, String versionId, String versionCodename, String prettyName) {
  /** Parses os-release text (shell-style {@code KEY="value"} lines). */
  public static Distro parseOsRelease(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\\R")) {
      String trimmed = line.trim();
      int eq = trimmed.indexOf('=');
      if (trimmed.startsWith("#") || eq <= 0) {
        continue;
      }
      values.put(trimmed.substring(0, eq), unquote(trimmed.substring(eq + 1).trim()));
    }
    String id = values.get("ID");
    if (id == null || id.isEmpty()) {
      return null;
    }
    return new Distro(
        id.toLowerCase(java.util.Locale.ROOT),
        values.get("VERSION_ID"),
        values.get("VERSION_CODENAME"),
        values.get("PRETTY_NAME"));
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      v = v.substring(1, v.length() - 1);
    }
    return v.replace("\\\"", "\"").replace("\\$", "$").replace("\\\\", "\\");
  }

  /** The purl {@code distro} qualifier: {@code debian-12}, {@code alpine-3.19.1}. */
  public String qualifier() {
    return versionId == null || versionId.isEmpty() ? id : id + "-" + versionId;
  }
}
