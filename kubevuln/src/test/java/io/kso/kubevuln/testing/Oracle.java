package io.kso.kubevuln.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared vulnerability oracle ({@code ../shared/oracle/vuln} beside the project root), read in
 * place. Tests that need it are skipped, with the folder named, when it is absent.
 */
public final class Oracle {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Oracle() {}

  /** The oracle folder, or null when not found. */
  public static Path dirOrNull() {
    String configured = System.getProperty("oracle.vuln.dir");
    if (configured != null) {
      return Files.isDirectory(Path.of(configured)) ? Path.of(configured) : null;
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("mvnw"))) {
        Path candidate = p.resolveSibling("shared").resolve("oracle/vuln");
        return Files.isDirectory(candidate) ? candidate : null;
      }
    }
    return null;
  }

  /** The oracle folder; skips the calling test when it is absent. */
  public static Path dir() {
    Path dir = dirOrNull();
    assumeTrue(dir != null, "oracle data not found: ../shared/oracle/vuln beside the project root");
    return dir;
  }

  public static JsonNode read(String relative) {
    Path dir = dirOrNull();
    if (dir == null) {
      return JSON.createArrayNode();
    }
    return JSON.readTree(dir.resolve(relative).toFile());
  }

  /** The rows of an array file, or of one array inside an object file; empty without the oracle. */
  public static List<JsonNode> rows(String relative, String field) {
    JsonNode node = read(relative);
    if (field != null) {
      node = node.path(field);
    }
    var out = new ArrayList<JsonNode>();
    node.forEach(out::add);
    if (out.isEmpty()) {
      out.add(JSON.createObjectNode().put("missing", relative));
    }
    return out;
  }

  /** Skips the row that stands in for a missing oracle file. */
  public static void present(JsonNode row) {
    assumeTrue(
        !row.has("missing"), () -> "oracle data not found: " + row.path("missing").asString());
  }
}
