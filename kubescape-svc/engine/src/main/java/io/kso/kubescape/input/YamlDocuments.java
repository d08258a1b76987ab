package io.kso.kubescape.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML (and JSON, its subset) documents as plain Java trees, parsed the way Kubernetes tools parse
 * manifests: timestamps stay strings, and a TAB before a trailing comment is accepted as Go's
 * parser accepts it.
 */
public final class YamlDocuments {
  private YamlDocuments() {}

  /** A document that did not parse: where and why. */
  public static final class ParseException extends RuntimeException {
    private final int line;

    ParseException(String message, int line, Throwable cause) {
      super(message, cause);
      this.line = line;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
      return line;
    }
  }

  /** Every document of the text (empty documents dropped). */
  public static List<Object> parseAll(String text) {
    try {
      return load(text);
    } catch (RuntimeException first) {
      if (text.indexOf('\t') < 0) {
        throw wrap(first);
      }
      try {
        return load(untab(text));
      } catch (RuntimeException second) {
        throw wrap(first);
      }
    }
  }

  /**
   * Only the first non-empty document, later ones not even parsed: what Kubescape's rule test
   * runner reads.
   */
  public static Object parseFirst(String text) {
    try {
      return first(text);
    } catch (RuntimeException e) {
      if (text.indexOf('\t') < 0) {
        throw wrap(e);
      }
      try {
        return first(untab(text));
      } catch (RuntimeException second) {
        throw wrap(e);
      }
    }
  }

  private static Object first(String text) {
    for (Object doc : yaml().loadAll(text)) {
      if (doc != null) {
        return doc;
      }
    }
    return null;
  }

  /**
   * The documents of a file, each with its 1-based start line, up to the first that does not parse;
   * {@code error} is that failure, or null.
   */
  public record Parsed(List<Object> documents, List<Integer> lines, ParseException error) {}

  /** Every document that parses, stopping at the first that does not (reported, not thrown). */
  public static Parsed parseLenient(String text) {
    Parsed first = lenient(text);
    if (first.error() != null && text.indexOf('\t') >= 0) {
      Parsed again = lenient(untab(text));
      if (again.error() == null) {
        return again;
      }
    }
    return first;
  }

  private static Parsed lenient(String text) {
    List<Object> docs = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<Integer> starts = documentStarts(text);
    int index = 0;
    try {
      for (Object doc : yaml().loadAll(text)) {
        if (doc != null) {
          docs.add(doc);
          lines.add(index < starts.size() ? starts.get(index) : 1);
        }
        index++;
      }
      return new Parsed(docs, lines, null);
    } catch (RuntimeException e) {
      return new Parsed(docs, lines, wrap(e));
    }
  }

  /** 1-based line where each document starts: 1, then the line after each {@code ---}. */
  static List<Integer> documentStarts(String text) {
    List<Integer> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    boolean content = false;
    int start = 1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("---")) {
        if (content) {
          out.add(start);
        }
        start = i + 2;
        content = !lines[i].substring(3).isBlank();
      } else if (!lines[i].isBlank() && !lines[i].trim().startsWith("#")) {
        content = true;
      }
    }
    if (content) {
      out.add(start);
    }
    return out;
  }

  /** The first document, which must be a map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseSingle(String text) {
    List<Object> docs = parseAll(text);
    if (docs.isEmpty() || !(docs.get(0) instanceof Map<?, ?>)) {
      throw new ParseException("not a YAML map", 1, null);
    }
    return (Map<String, Object>) docs.get(0);
  }

  private static List<Object> load(String text) {
    List<Object> out = new ArrayList<>();
    for (Object doc : yaml().loadAll(text)) {
      if (doc != null) {
        out.add(doc);
      }
    }
    return out;
  }

  private static Yaml yaml() {
    LoaderOptions lo = new LoaderOptions();
    lo.setCodePointLimit(256 * 1024 * 1024);
    lo.setMaxAliasesForCollections(1000);
    lo.setAllowDuplicateKeys(true);
    DumperOptions dop = new DumperOptions();
    return new Yaml(new SafeConstructor(lo), new Representer(dop), dop, lo, new NoTimestamps());
  }

  private static ParseException wrap(RuntimeException e) {
    int line = 0;
    if (e instanceof MarkedYAMLException m) {
      Mark mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
      line = mark == null ? 0 : mark.getLine() + 1;
    }
    String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().get();
    return new ParseException(msg, line, e);
  }

  /** Tabs outside quoted strings become spaces. */
  static String untab(String text) {
    StringBuilder b = new StringBuilder(text.length());
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        quote = 0;
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (quote != 0 && c == quote) {
        quote = 0;
      }
      b.append(c == '\t' && quote == 0 ? ' ' : c);
    }
    return b.toString();
  }

  /** YAML 1.1 resolution without timestamps: Kubernetes keeps them as strings. */
  private static final class NoTimestamps extends Resolver {
    @Override
    public void addImplicitResolver(
        org.yaml.snakeyaml.nodes.Tag tag, java.util.regex.Pattern regexp, String first) {
      if (!org.yaml.snakeyaml.nodes.Tag.TIMESTAMP.equals(tag)) {
        super.addImplicitResolver(tag, regexp, first);
      }
    }

    @Override
    public void addImplicitResolver(
        org.yaml.snakeyaml.nodes.Tag tag, java.util.regex.Pattern regexp, String first, int limit) {
      if (!org.yaml.snakeyaml.nodes.Tag.TIMESTAMP.equals(tag)) {
        super.addImplicitResolver(tag, regexp, first, limit);
      }
    }
  }
}
