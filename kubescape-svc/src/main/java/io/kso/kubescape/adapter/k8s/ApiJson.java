package io.kso.kubescape.adapter.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reading the API server's JSON: whole small documents, or list pages item by item. */
final class ApiJson {
  /** Items are read one after the other from one parser: what follows an item is no error. */
  static final JsonMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private ApiJson() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> readMap(InputStream in) throws IOException {
    Object value = MAPPER.readValue(in, Object.class);
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** Receives the items of a list page, one at a time, as mutable maps. */
  interface ItemSink {
    void accept(Map<String, Object> item);
  }

  /**
   * Streams a list page: each element of {@code items} is handed to {@code sink} as soon as it is
   * parsed, so only one item's map exists at a time besides what the sink keeps.
   *
   * @return {@code metadata.continue}, or null on the last page
   */
  @SuppressWarnings("unchecked")
  static String readListPage(InputStream in, ItemSink sink) throws IOException {
    String continueToken = null;
    try (JsonParser p = MAPPER.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a list page is not a JSON object");
      }
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("items".equals(name) && value == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            sink.accept(MAPPER.readValue(p, Map.class));
          }
        } else if ("metadata".equals(name) && value == JsonToken.START_OBJECT) {
          Object token = MAPPER.readValue(p, Map.class).get("continue");
          continueToken = token instanceof String t && !t.isEmpty() ? t : null;
        } else {
          p.skipChildren();
        }
      }
    }
    return continueToken;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Object list) {
    return list instanceof List<?> l
        ? l.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList()
        : List.of();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object map) {
    return map instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static String str(Map<String, Object> map, String key) {
    return map.get(key) instanceof String s ? s : "";
  }
}
