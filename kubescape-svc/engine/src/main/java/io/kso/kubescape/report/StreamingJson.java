package io.kso.kubescape.report;

import dev.cel.common.values.NullValue;
import io.kso.common.concurrent.Daemons;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;

/**
 * Writing large JSON documents with Jackson's streaming generator, without a data-binding layer: a
 * value tree (maps, lists, strings, numbers, booleans, nulls) is written node by node, and a large
 * array is rendered in chunks on several threads, then written in order.
 */
final class StreamingJson {
  private static final JsonFactory PLAIN =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  /** Writes root values one after the other separated by commas: the elements of an array. */
  private static final JsonFactory ELEMENTS =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .rootValueSeparator(",")
          .build();

  private static final int CHUNK = 128;

  private final OutputStream out;

  StreamingJson(OutputStream out) {
    this.out = out;
  }

  void raw(char c) throws IOException {
    out.write(c);
  }

  /** {@code "name":value}. */
  void property(String name, Object value) throws IOException {
    try (JsonGenerator g = PLAIN.createGenerator(out)) {
      g.writeString(name);
    }
    out.write(':');
    try (JsonGenerator g = PLAIN.createGenerator(out)) {
      value(value, g);
    }
  }

  /**
   * {@code "name":[...]} where element {@code i} is written by {@code element} as zero or one
   * value; chunks of elements are rendered on one thread per core and written in order here.
   */
  void array(String name, int size, BiConsumer<Integer, JsonGenerator> element) throws IOException {
    try (JsonGenerator g = PLAIN.createGenerator(out)) {
      g.writeString(name);
    }
    out.write(':');
    out.write('[');
    int chunks = (size + CHUNK - 1) / CHUNK;
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService renderers = Executors.newFixedThreadPool(threads, DAEMON);
    try {
      Deque<Future<byte[]>> pending = new ArrayDeque<>();
      boolean first = true;
      for (int next = 0; next < chunks || !pending.isEmpty(); ) {
        while (next < chunks && pending.size() < 2 * threads + 1) {
          int from = next * CHUNK;
          int to = Math.min(size, from + CHUNK);
          pending.add(renderers.submit(() -> render(from, to, element)));
          next++;
        }
        byte[] bytes = join(pending.removeFirst());
        if (bytes.length > 0) {
          if (!first) {
            out.write(',');
          }
          out.write(bytes);
          first = false;
        }
      }
    } finally {
      renderers.shutdownNow();
    }
    out.write(']');
  }

  private static final ThreadFactory DAEMON = Daemons.named("json-render");

  private static byte[] join(Future<byte[]> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the report", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }

  private static byte[] render(int from, int to, BiConsumer<Integer, JsonGenerator> element) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(64 * 1024);
    try (JsonGenerator g = ELEMENTS.createGenerator(buf)) {
      for (int i = from; i < to; i++) {
        element.accept(i, g);
      }
    }
    return buf.toByteArray();
  }

  /** JSON text written by {@code writer}, ready to be copied into other documents. */
  static SerializableString rendered(Consumer<JsonGenerator> writer) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (JsonGenerator g = PLAIN.createGenerator(buf)) {
      writer.accept(g);
    }
    return new SerializedString(buf.toString(StandardCharsets.UTF_8));
  }

  /** A value tree: maps (string keys), lists, strings, numbers, booleans and nulls. */
  static void value(Object v, JsonGenerator g) {
    if (v == null || v instanceof NullValue) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeName(String.valueOf(e.getKey()));
        value(e.getValue(), g);
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object x : l) {
        value(x, g);
      }
      g.writeEndArray();
    } else if (v instanceof Long n) {
      g.writeNumber(n);
    } else if (v instanceof Integer n) {
      g.writeNumber(n);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeString(String.valueOf(v));
    }
  }
}
