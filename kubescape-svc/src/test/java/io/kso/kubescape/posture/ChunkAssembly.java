package io.kso.kubescape.posture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Puts posture report chunks back together, checking what every chunk must carry: the receiver's
 * view of a chunked report.
 */
public final class ChunkAssembly {
  public static final JsonMapper JSON = JsonMapper.builder().build();

  /** The chunks' {@code resources} and {@code results} items, concatenated in chunk order. */
  public record Assembled(ArrayNode resources, ArrayNode results, List<JsonNode> chunks) {}

  private ChunkAssembly() {}

  public static JsonNode read(Path file) {
    return JSON.readTree(file.toFile());
  }

  /**
   * Parses the chunk bodies and checks their pagination: numbered 0, 1, ... in order, only the last
   * one marked last.
   */
  public static Assembled assemble(List<byte[]> bodies) {
    ArrayNode resources = JSON.createArrayNode();
    ArrayNode results = JSON.createArrayNode();
    List<JsonNode> chunks = bodies.stream().map(JSON::readTree).toList();
    for (int i = 0; i < chunks.size(); i++) {
      JsonNode c = chunks.get(i);
      assertThat(c.path("paginationInfo").path("chunkNumber").asInt(-1)).isEqualTo(i);
      assertThat(c.path("paginationInfo").path("isLastChunk").asBoolean())
          .as("isLastChunk of chunk %d of %d", i, chunks.size())
          .isEqualTo(i == chunks.size() - 1);
      c.path("resources").forEach(resources::add);
      c.path("results").forEach(results::add);
    }
    return new Assembled(resources, results, chunks);
  }
}
