package io.kso.kubescape.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kso.kubescape.port.PublishException;
import io.kso.kubescape.port.PublishRequest;
import io.kso.kubescape.posture.ChunkAssembly.Assembled;
import io.kso.kubescape.posture.PostureReportChunks.Chunk;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/** Cutting a stored report into the event receiver's chunks. */
class PostureReportChunksTest {
  @TempDir Path tmp;

  PublishRequest request(Path file) {
    return PublishRequest.builder()
        .reportFile(file)
        .reportId("report-1")
        .jobId("job-1")
        .customerGuid("8d8a7a1c-0e0e-4c4c-9b9b-0123456789ab")
        .clusterName("prod")
        .contextName("prod-context")
        .build();
  }

  static List<Chunk> split(PublishRequest r, int limit) {
    List<Chunk> out = new ArrayList<>();
    PostureReportChunks.split(r, limit, out::add);
    return out;
  }

  @Test
  void aScannedReportReassemblesFromItsChunksWithTheEnvelopeInEachOne() {
    Path file = SampleScans.writeJson(SampleScans.synthetic(300, "nsa"), tmp.resolve("r.json"));
    JsonNode original = ChunkAssembly.read(file);

    List<Chunk> chunks = split(request(file), 16 * 1024);
    Assembled a = ChunkAssembly.assemble(chunks.stream().map(Chunk::body).toList());

    assertThat(chunks).hasSizeGreaterThan(5);
    assertThat(a.resources()).isEqualTo(original.get("resources"));
    assertThat(a.results()).isEqualTo(original.get("results"));
    assertThat(a.resources()).hasSize(original.get("resources").size()).hasSizeGreaterThan(300);
    for (JsonNode c : a.chunks()) {
      assertThat(c.get("customerGUID").asString())
          .isEqualTo("8d8a7a1c-0e0e-4c4c-9b9b-0123456789ab");
      assertThat(c.get("clusterName").asString()).isEqualTo("prod");
      assertThat(c.get("reportGUID").asString()).isEqualTo("report-1");
      assertThat(c.get("jobID").asString()).isEqualTo("job-1");
      assertThat(c.get("generationTime")).isEqualTo(original.get("generationTime"));
      assertThat(c.get("summaryDetails")).isEqualTo(original.get("summaryDetails"));
      assertThat(c.at("/metadata/clusterMetadata/contextName").asString())
          .isEqualTo("prod-context");
      assertThat(c.has("inputErrors")).isFalse();
    }
    for (Chunk c : chunks) {
      assertThat(c.resources() + c.results()).isPositive();
    }
  }

  @Test
  void keepsTheItemsOfEveryChunkUnderTheLimitAndSendsResourcesBeforeResults() throws IOException {
    int limit = 20_000;
    Path file = generated(3_000, 0, tmp.resolve("big.json"));

    List<Chunk> chunks = new ArrayList<>();
    PostureReportChunks.Totals totals =
        PostureReportChunks.split(request(file), limit, chunks::add);

    assertThat(totals.chunks()).isEqualTo(chunks.size());
    assertThat(totals.resources()).isEqualTo(3_000);
    assertThat(totals.results()).isEqualTo(3_000);
    assertThat(totals.bytes()).isEqualTo(chunks.stream().mapToLong(c -> c.body().length).sum());
    Assembled a = ChunkAssembly.assemble(chunks.stream().map(Chunk::body).toList());
    boolean resultsStarted = false;
    for (int i = 0; i < chunks.size(); i++) {
      JsonNode c = a.chunks().get(i);
      long items = 0;
      for (JsonNode item : c.path("resources")) {
        assertThat(resultsStarted).as("a resource after the first result").isFalse();
        items += ChunkAssembly.JSON.writeValueAsBytes(item).length;
      }
      for (JsonNode item : c.path("results")) {
        resultsStarted = true;
        items += ChunkAssembly.JSON.writeValueAsBytes(item).length;
      }
      assertThat(items).as("item bytes of chunk %d", i).isLessThan(limit);
      // the envelope (summary, ids) comes on top of the items: the buffer stays bounded
      assertThat(chunks.get(i).body().length).isLessThan(limit + 2_000);
    }
    assertThat(a.resources()).isEqualTo(ChunkAssembly.read(file).get("resources"));
    assertThat(a.results()).isEqualTo(ChunkAssembly.read(file).get("results"));
  }

  @Test
  void anItemLargerThanTheLimitTravelsAloneInItsChunk() throws IOException {
    Path file = generated(3, 5_000, tmp.resolve("fat.json"));

    List<Chunk> chunks = split(request(file), 1_000);

    assertThat(chunks).hasSize(6);
    assertThat(chunks).allSatisfy(c -> assertThat(c.resources() + c.results()).isEqualTo(1));
  }

  @Test
  void aReportWithoutItemsIsOneLastChunkWithoutTheEmptyArrays() throws IOException {
    Path file = generated(0, 0, tmp.resolve("empty.json"));

    List<Chunk> chunks = split(request(file), 1_000);

    assertThat(chunks).singleElement().satisfies(c -> assertThat(c.last()).isTrue());
    JsonNode body = ChunkAssembly.JSON.readTree(chunks.get(0).body());
    assertThat(body.has("resources")).isFalse();
    assertThat(body.has("results")).isFalse();
    assertThat(body.get("summaryDetails").get("score").asInt()).isEqualTo(12);
  }

  @Test
  void aTruncatedFileFailsBeforeAnyChunkIsCut() throws IOException {
    Path file = generated(50, 0, tmp.resolve("whole.json"));
    byte[] whole = Files.readAllBytes(file);
    Path cut = Files.write(tmp.resolve("cut.json"), Arrays.copyOf(whole, whole.length - 40));
    List<Chunk> chunks = new ArrayList<>();

    assertThatThrownBy(() -> PostureReportChunks.split(request(cut), 1_000, chunks::add))
        .isInstanceOfSatisfying(
            PublishException.class,
            e -> assertThat(e.reason()).isEqualTo(PublishException.Reason.UNREADABLE_REPORT));
    assertThat(chunks).isEmpty();
  }

  @Test
  void aMissingFileOrAReportWithoutSummaryIsUnreadable() throws IOException {
    Path none = tmp.resolve("none.json");
    Path noSummary = Files.writeString(tmp.resolve("x.json"), "{\"resources\":[]}");

    for (Path p : List.of(none, noSummary)) {
      assertThatThrownBy(() -> split(request(p), 1_000))
          .isInstanceOfSatisfying(
              PublishException.class,
              e -> assertThat(e.reason()).isEqualTo(PublishException.Reason.UNREADABLE_REPORT));
    }
  }

  /**
   * A report in the JSON writer's layout with {@code n} resources and {@code n} results, each
   * padded by {@code pad} characters.
   */
  static Path generated(int n, int pad, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        JsonGenerator g = ChunkAssembly.JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringProperty("generationTime", "2026-12-01T10:00:00Z");
      g.writeObjectPropertyStart("summaryDetails");
      g.writeNumberProperty("score", 12.5);
      g.writeNumberProperty("complianceScore", 87.5);
      g.writeEndObject();
      g.writeArrayPropertyStart("resources");
      for (int i = 0; i < n; i++) {
        g.writeStartObject();
        g.writeStringProperty("resourceID", "/v1/ns/ConfigMap/cm-" + i);
        g.writeObjectPropertyStart("object");
        g.writeStringProperty("kind", "ConfigMap");
        g.writeStringProperty("data", "x".repeat(pad) + "é\"\\" + i);
        g.writeNumberProperty("weight", 1.10 * i);
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayPropertyStart("results");
      for (int i = 0; i < n; i++) {
        g.writeStartObject();
        g.writeStringProperty("resourceID", "/v1/ns/ConfigMap/cm-" + i);
        g.writeArrayPropertyStart("controls");
        g.writeStartObject();
        g.writeStringProperty("controlID", "C-0012");
        g.writeStringProperty("pad", "y".repeat(pad));
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayPropertyStart("inputErrors");
      g.writeEndArray();
      g.writeEndObject();
    }
    return file;
  }
}
