package io.kso.kubevuln.osv;

import io.kso.kubevuln.osv.OsvRecord.Affected;
import io.kso.kubevuln.osv.OsvRecord.Event;
import io.kso.kubevuln.osv.OsvRecord.Range;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads OSV JSON: one record, or an array of records, streamed one record at a time so that a large
 * file never sits in memory whole.
 */
public final class OsvJson {
  /** Reads one array element at a time, so the rest of the array is not "trailing". */
  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private OsvJson() {}

  /** Hands every record in {@code in} to {@code sink}; {@code origin} names the input in errors. */
  public static int read(InputStream in, String origin, Consumer<OsvRecord> sink) {
    int count = 0;
    try (JsonParser p = JSON.createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_OBJECT) {
        sink.accept(record(JSON.readTree(p), origin));
        count++;
      } else if (first == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          sink.accept(record(JSON.readTree(p), origin + "[" + count + "]"));
          count++;
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
          throw new OsvFormatException(origin + ": an array of OSV records holds a non-object");
        }
      } else {
        throw new OsvFormatException(origin + ": not an OSV record or an array of them");
      }
      if (p.nextToken() != null) {
        throw new OsvFormatException(origin + ": unexpected content after the JSON value");
      }
    } catch (JacksonException e) {
      throw new OsvFormatException(origin + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    return count;
  }

  /** One record from its JSON tree. */
  public static OsvRecord record(JsonNode n, String origin) {
    String id = text(n.get("id"));
    if (id == null || id.isBlank()) {
      throw new OsvFormatException(origin + ": OSV record without an id");
    }
    var affected = new ArrayList<Affected>();
    // A withdrawn record is kept (it replaces an earlier revision) but affects nothing.
    JsonNode entries = n.hasNonNull("withdrawn") ? JSON.createArrayNode() : n.path("affected");
    for (JsonNode a : entries) {
      JsonNode pkg = a.path("package");
      String ecosystem = text(pkg.get("ecosystem"));
      String name = text(pkg.get("name"));
      if (ecosystem == null || name == null) {
        continue; // affected entries may name only a git repository
      }
      affected.add(
          new Affected(
              ecosystem, name, ranges(a, id), strings(a.path("versions")), affectedSeverity(a)));
    }
    return new OsvRecord(
        id,
        text(n.get("modified")),
        strings(n.path("aliases")),
        text(n.get("summary")),
        recordSeverity(n),
        affected);
  }

  private static List<Range> ranges(JsonNode affected, String id) {
    var out = new ArrayList<Range>();
    for (JsonNode r : affected.path("ranges")) {
      String type = text(r.get("type"));
      if (!"ECOSYSTEM".equals(type) && !"SEMVER".equals(type)) {
        continue;
      }
      var events = new ArrayList<Event>();
      for (JsonNode e : r.path("events")) {
        Event event = event(e);
        if (event == null) {
          throw new OsvFormatException(id + ": range event without a known kind: " + e);
        }
        events.add(event);
      }
      out.add(new Range(type, events));
    }
    return out;
  }

  private static Event event(JsonNode e) {
    if (e.has("introduced")) {
      return new Event(Event.Kind.INTRODUCED, text(e.get("introduced")));
    } else if (e.has("fixed")) {
      return new Event(Event.Kind.FIXED, text(e.get("fixed")));
    } else if (e.has("last_affected")) {
      return new Event(Event.Kind.LAST_AFFECTED, text(e.get("last_affected")));
    } else if (e.has("limit")) {
      return new Event(Event.Kind.LIMIT, text(e.get("limit")));
    }
    return null;
  }

  /** CVSS v3 vector (scored) first, then any other vector, then the database's own word. */
  private static Severity recordSeverity(JsonNode n) {
    Severity cvss = cvss(n.path("severity"));
    Severity.Level word = Severity.Level.parse(text(n.path("database_specific").get("severity")));
    if (cvss != null && cvss.score() != null) {
      return cvss;
    }
    if (word != Severity.Level.UNKNOWN) {
      return new Severity(word, null, cvss == null ? "" : cvss.vector());
    }
    return cvss == null ? Severity.UNKNOWN : cvss;
  }

  private static Severity affectedSeverity(JsonNode a) {
    Severity cvss = cvss(a.path("severity"));
    if (cvss != null) {
      return cvss;
    }
    for (String where : List.of("ecosystem_specific", "database_specific")) {
      Severity.Level word = Severity.Level.parse(text(a.path(where).get("severity")));
      if (word != Severity.Level.UNKNOWN) {
        return new Severity(word, null, "");
      }
    }
    return null;
  }

  private static Severity cvss(JsonNode severities) {
    Severity other = null;
    for (JsonNode s : severities) {
      String vector = text(s.get("score"));
      Double score = Cvss3.baseScore(vector);
      if (score != null) {
        return new Severity(Severity.Level.ofScore(score), score, vector);
      }
      if (other == null && vector != null) {
        other = new Severity(Severity.Level.UNKNOWN, null, vector);
      }
    }
    return other;
  }

  private static List<String> strings(JsonNode array) {
    var out = new ArrayList<String>();
    for (JsonNode s : array) {
      if (s.isValueNode()) {
        out.add(s.asString());
      }
    }
    return out;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() || !n.isValueNode() ? null : n.asString();
  }
}
