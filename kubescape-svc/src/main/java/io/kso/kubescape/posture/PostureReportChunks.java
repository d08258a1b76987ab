package io.kso.kubescape.posture;

import io.kso.kubescape.port.PublishException;
import io.kso.kubescape.port.PublishException.Reason;
import io.kso.kubescape.port.PublishRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.json.JsonFactory;

/**
 * Splits a stored posture report into the chunks Kubescape's reporter sends to the event receiver
 * ({@code core/pkg/resultshandling/reporter/v2/reporteventreceiver.go}), reading the file as a
 * stream so that only one chunk is in memory at a time.
 *
 * <p>Every chunk is a PostureReport v2 document with the same envelope: {@code customerGUID},
 * {@code clusterName}, {@code reportGUID}, {@code jobID}, {@code paginationInfo} ({@code
 * chunkNumber} from 0, {@code isLastChunk} on the last one only), {@code generationTime}, the whole
 * {@code summaryDetails}, and {@code metadata.clusterMetadata.contextName}. The {@code resources}
 * items come first, then the {@code results} items, each item whole and in the file's order; a
 * chunk is closed before the item that would take its items to {@code maxItemBytes} or more (the
 * envelope is not counted, as in Kubescape, whose limit is 2 MiB), so a chunk may hold the last
 * resources and the first results. An empty array is left out of a chunk, as Go's {@code omitempty}
 * does. The last chunk is sent even when it holds no items.
 *
 * <p>The file is read twice: once whole, to check that it is a complete JSON document and to take
 * its {@code generationTime} and {@code summaryDetails}, and once to cut the chunks, so that a
 * truncated file fails before anything is sent.
 */
public final class PostureReportChunks {
  /** Kubescape's {@code MAX_REPORT_SIZE}. */
  public static final int KUBESCAPE_MAX_ITEM_BYTES = 2 * 1024 * 1024;

  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

  /**
   * One chunk: its number (from 0), whether it is the last, how many resources and results items it
   * holds, and the JSON document to send.
   */
  public record Chunk(int number, boolean last, int resources, int results, byte[] body) {}

  /** What was sent: chunks, items of each array, and the bytes of all chunk bodies. */
  public record Totals(int chunks, int resources, int results, long bytes) {}

  /** Takes each chunk as it is cut; an exception it throws ends the split. */
  @FunctionalInterface
  public interface Sink {
    void accept(Chunk chunk);
  }

  /** What the first pass found. */
  record Header(String generationTime, byte[] summaryDetails, int resources, int results) {}

  private final PublishRequest request;
  private final Header header;
  private final int maxItemBytes;
  private final Sink sink;
  private final List<byte[]> resources = new ArrayList<>();
  private final List<byte[]> results = new ArrayList<>();
  private long itemBytes;
  private long bodyBytes;
  private int number;

  private PostureReportChunks(PublishRequest request, Header header, int maxItemBytes, Sink sink) {
    this.request = request;
    this.header = header;
    this.maxItemBytes = maxItemBytes;
    this.sink = sink;
  }

  /**
   * Cuts {@code request.reportFile()} into chunks and hands them to {@code sink} in order.
   *
   * @return what was cut
   * @throws PublishException {@link Reason#UNREADABLE_REPORT} when the file cannot be read or is no
   *     posture report; whatever {@code sink} throws
   */
  public static Totals split(PublishRequest request, int maxItemBytes, Sink sink) {
    if (maxItemBytes < 1) {
      throw new IllegalArgumentException("maxItemBytes must be positive, not " + maxItemBytes);
    }
    Header header = header(request);
    PostureReportChunks chunks = new PostureReportChunks(request, header, maxItemBytes, sink);
    try (InputStream in = Files.newInputStream(request.reportFile());
        JsonParser p = JSON.createParser(ObjectReadContext.empty(), in)) {
      chunks.items(p);
    } catch (IOException | JacksonException e) {
      throw unreadable(request, e);
    }
    chunks.flush(true);
    return new Totals(chunks.number, header.resources(), header.results(), chunks.bodyBytes);
  }

  /** The first pass: the whole document, its header fields and how many items it holds. */
  static Header header(PublishRequest request) {
    String generationTime = null;
    byte[] summary = null;
    int[] counts = new int[2];
    try (InputStream in = Files.newInputStream(request.reportFile());
        JsonParser p = JSON.createParser(ObjectReadContext.empty(), in)) {
      expect(request, p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("generationTime") && value == JsonToken.VALUE_STRING) {
          generationTime = p.getString();
        } else if (name.equals("summaryDetails") && value == JsonToken.START_OBJECT) {
          summary = copy(p);
        } else if (isItems(name, value)) {
          counts[name.equals("resources") ? 0 : 1] += skipItems(p);
        } else {
          p.skipChildren();
        }
      }
      expect(request, p.nextToken(), null);
    } catch (IOException | JacksonException e) {
      throw unreadable(request, e);
    }
    if (summary == null) {
      throw PublishException.of(
          Reason.UNREADABLE_REPORT, request.reportFile() + " has no summaryDetails", null);
    }
    return new Header(generationTime, summary, counts[0], counts[1]);
  }

  private void items(JsonParser p) {
    p.nextToken();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (isItems(name, value)) {
        List<byte[]> target = name.equals("resources") ? resources : results;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          add(target, copy(p));
        }
      } else {
        p.skipChildren();
      }
    }
  }

  private void add(List<byte[]> target, byte[] item) {
    if (itemBytes + item.length >= maxItemBytes && !(resources.isEmpty() && results.isEmpty())) {
      flush(false);
    }
    target.add(item);
    itemBytes += item.length;
  }

  private void flush(boolean last) {
    Chunk chunk = new Chunk(number, last, resources.size(), results.size(), body(last));
    bodyBytes += chunk.body().length;
    resources.clear();
    results.clear();
    itemBytes = 0;
    number++;
    sink.accept(chunk);
  }

  private byte[] body(boolean last) {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) itemBytes + header.summaryDetails().length + 1024);
    out.writeBytes(ascii("{"));
    string(out, "customerGUID", request.customerGuid());
    out.writeBytes(ascii(","));
    string(out, "clusterName", request.clusterName());
    out.writeBytes(ascii(","));
    string(out, "reportGUID", request.reportId());
    out.writeBytes(ascii(","));
    string(out, "jobID", request.jobId());
    out.writeBytes(
        ascii(
            ",\"paginationInfo\":{\"chunkNumber\":%d,\"isLastChunk\":%b}".formatted(number, last)));
    if (header.generationTime() != null) {
      out.writeBytes(ascii(","));
      string(out, "generationTime", header.generationTime());
    }
    out.writeBytes(ascii(",\"summaryDetails\":"));
    out.writeBytes(header.summaryDetails());
    array(out, "results", results);
    array(out, "resources", resources);
    out.writeBytes(ascii(",\"metadata\":{\"clusterMetadata\":{"));
    string(out, "contextName", request.contextName());
    out.writeBytes(ascii("}}}"));
    return out.toByteArray();
  }

  private static void array(ByteArrayOutputStream out, String name, List<byte[]> items) {
    if (items.isEmpty()) {
      return;
    }
    out.writeBytes(ascii(",\"" + name + "\":["));
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(items.get(i));
    }
    out.write(']');
  }

  private static void string(ByteArrayOutputStream out, String name, String value) {
    out.write('"');
    out.writeBytes(QUOTE.quoteAsUTF8(name));
    out.writeBytes(ascii("\":\""));
    out.writeBytes(QUOTE.quoteAsUTF8(value));
    out.write('"');
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean isItems(String name, JsonToken value) {
    return value == JsonToken.START_ARRAY && (name.equals("resources") || name.equals("results"));
  }

  private static int skipItems(JsonParser p) {
    int n = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      p.skipChildren();
      n++;
    }
    return n;
  }

  /** The value the parser is at, as compact JSON bytes (numbers exactly as written). */
  private static byte[] copy(JsonParser p) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = JSON.createGenerator(buf)) {
      g.copyCurrentStructureExact(p);
    }
    return buf.toByteArray();
  }

  private static void expect(PublishRequest request, JsonToken actual, JsonToken expected) {
    if (actual != expected) {
      throw PublishException.of(
          Reason.UNREADABLE_REPORT,
          "%s is not a posture report: expected %s, found %s"
              .formatted(
                  request.reportFile(),
                  expected == null ? "the end of the document" : expected,
                  actual),
          null);
    }
  }

  private static PublishException unreadable(PublishRequest request, Exception e) {
    return PublishException.of(
        Reason.UNREADABLE_REPORT,
        request.reportFile() + " is not a readable posture report: " + e.getMessage(),
        e);
  }
}
