package io.kso.kubescape.input;

import io.kso.kubescape.engine.K8s;
import io.kso.kubescape.engine.Resource;
import io.kso.kubescape.engine.Values;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Kubernetes objects from files and directories (recursive): YAML with any number of documents,
 * JSON, and {@code kind: List} expanded into its items. A file or document that does not parse is
 * reported with its name and line; everything else is still read.
 */
public final class ManifestReader {
  private ManifestReader() {}

  public static boolean isManifest(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }

  /** Every manifest file under a directory, in name order, skipping hidden folders. */
  public static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(ManifestReader::isManifest)
          .filter(p -> !hidden(dir.relativize(p)))
          .sorted()
          .toList();
    }
  }

  private static boolean hidden(Path rel) {
    for (Path part : rel) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  public static Inputs readFile(Path file) {
    try {
      return readText(Files.readString(file), file.toString());
    } catch (CharacterCodingException e) {
      return new Inputs(
          List.of(),
          List.of(new InputError(file.toString(), 0, "not UTF-8 text (a binary file?)")));
    } catch (IOException | RuntimeException e) {
      return new Inputs(List.of(), List.of(new InputError(file.toString(), 0, e.toString())));
    }
  }

  /** The objects of one text (a file, a rendered chart); {@code source} names it in reports. */
  public static Inputs readText(String text, String source) {
    YamlDocuments.Parsed parsed = YamlDocuments.parseLenient(text);
    List<Resource> out = new ArrayList<>();
    List<InputError> errors = new ArrayList<>();
    for (int i = 0; i < parsed.documents().size(); i++) {
      String where = source + ":" + parsed.lines().get(i);
      add(parsed.documents().get(i), where, out);
    }
    if (parsed.error() != null) {
      errors.add(new InputError(source, parsed.error().line(), parsed.error().getMessage()));
    }
    return new Inputs(out, errors);
  }

  private static void add(Object doc, String where, List<Resource> out) {
    if (!(doc instanceof Map<?, ?>)) {
      return;
    }
    Map<String, Object> obj = Values.toCelMap(doc);
    String kind = K8s.kind(obj);
    if (kind.endsWith("List") && obj.get("items") instanceof List<?> items) {
      for (Object item : items) {
        add(item, where, out);
      }
    } else if (!kind.isEmpty()) {
      out.add(Resource.of(obj, where));
    }
  }
}
