package io.kso.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.ObjectMapper;

/**
 * The values table of the chart README, made from values.yaml: a key documented by a {@code # --}
 * comment (continued on the following {@code #} lines) becomes a row with its type, its default and
 * the comment. The table sits between {@link #BEGIN} and {@link #END} in README.md.
 *
 * <p>Run {@code main} (or the README test with {@code -Dreadme.update=true}) to rewrite it.
 */
final class ValuesDoc {
  static final String BEGIN =
      "<!-- values-table:begin (generated from values.yaml; do not edit) -->";
  static final String END = "<!-- values-table:end -->";

  private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.-]+):(.*)$");
  private static final Pattern LIST_ITEM = Pattern.compile("^( *)- .*$");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A documented key: its dotted path and its description. */
  record Entry(String path, String description) {}

  private ValuesDoc() {}

  public static void main(String[] args) throws IOException {
    Path chart = args.length > 0 ? Path.of(args[0]) : HelmChart.dir();
    Path readme = chart.resolve("README.md");
    Files.writeString(readme, withTable(Files.readString(readme), table(chart)));
  }

  /** The markdown table for the chart at {@code chart}. */
  static String table(Path chart) throws IOException {
    String text = Files.readString(chart.resolve("values.yaml"));
    Map<String, Object> values = new Yaml().load(text);
    StringBuilder out = new StringBuilder();
    out.append("| Key | Type | Default | Description |\n");
    out.append("|-----|------|---------|-------------|\n");
    for (Entry entry : entries(text)) {
      Object value = lookup(values, entry.path());
      out.append("| `")
          .append(entry.path())
          .append("` | ")
          .append(type(value))
          .append(" | ")
          .append(defaultValue(value))
          .append(" | ")
          .append(cell(entry.description()))
          .append(" |\n");
    }
    return out.toString();
  }

  /** The README with its table replaced. */
  static String withTable(String readme, String table) {
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException("README.md has no " + BEGIN + " ... " + END + " block");
    }
    return readme.substring(0, begin + BEGIN.length()) + "\n" + table + readme.substring(end);
  }

  /** The table currently in a README. */
  static String tableIn(String readme) {
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException("README.md has no " + BEGIN + " ... " + END + " block");
    }
    return readme.substring(begin + BEGIN.length() + 1, end);
  }

  /** Documented keys in file order. Lines inside list values are not keys. */
  static List<Entry> entries(String valuesYaml) {
    List<Entry> entries = new ArrayList<>();
    Deque<Map.Entry<Integer, String>> parents = new ArrayDeque<>();
    List<String> doc = null;
    int listIndent = -1;
    for (String line : valuesYaml.split("\n", -1)) {
      String trimmed = line.strip();
      int indent = line.length() - line.stripLeading().length();
      if (trimmed.startsWith("# --")) {
        doc = new ArrayList<>(List.of(trimmed.substring(4).strip()));
        continue;
      }
      if (trimmed.startsWith("#")) {
        if (doc != null) {
          doc.add(trimmed.substring(1).strip());
        }
        continue;
      }
      if (trimmed.isEmpty()) {
        doc = null;
        continue;
      }
      if (listIndent >= 0 && indent > listIndent) {
        continue;
      }
      listIndent = -1;
      if (LIST_ITEM.matcher(line).matches()) {
        listIndent = indent;
        doc = null;
        continue;
      }
      Matcher key = KEY.matcher(line);
      if (!key.matches()) {
        doc = null;
        continue;
      }
      while (!parents.isEmpty() && parents.peek().getKey() >= indent) {
        parents.pop();
      }
      parents.push(Map.entry(indent, key.group(2)));
      if (doc != null) {
        entries.add(new Entry(path(parents), String.join(" ", doc)));
        doc = null;
      }
    }
    return entries;
  }

  /** Every leaf key of values.yaml (maps are walked; lists and scalars are leaves). */
  static List<String> leaves(Map<String, Object> values) {
    List<String> leaves = new ArrayList<>();
    collectLeaves("", values, leaves);
    return leaves;
  }

  @SuppressWarnings("unchecked")
  private static void collectLeaves(String prefix, Map<String, Object> map, List<String> leaves) {
    map.forEach(
        (k, v) -> {
          String path = prefix.isEmpty() ? k : prefix + "." + k;
          if (v instanceof Map<?, ?> child && !child.isEmpty()) {
            collectLeaves(path, (Map<String, Object>) child, leaves);
          } else {
            leaves.add(path);
          }
        });
  }

  private static String path(Deque<Map.Entry<Integer, String>> parents) {
    List<String> keys = parents.stream().map(Map.Entry::getValue).collect(Collectors.toList());
    Collections.reverse(keys);
    return String.join(".", keys);
  }

  @SuppressWarnings("unchecked")
  static Object lookup(Map<String, Object> values, String path) {
    Object current = values;
    for (String key : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
        throw new IllegalStateException("values.yaml has no key " + path);
      }
      current = ((Map<String, Object>) map).get(key);
    }
    return current;
  }

  private static String type(Object value) {
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Integer || value instanceof Long) {
      return "int";
    }
    if (value instanceof Number) {
      return "float";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof List<?>) {
      return "list";
    }
    return "object";
  }

  private static String defaultValue(Object value) {
    Object shown = value instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : value;
    return "`" + cell(JSON.writeValueAsString(shown)) + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
