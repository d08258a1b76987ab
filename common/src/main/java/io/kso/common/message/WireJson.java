package io.kso.common.message;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON reader and writer for wire messages, with the leniency of the Go originals: keys match
 * case-insensitively, unknown keys are ignored, {@code "true"} reads as a boolean.
 */
public final class WireJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private WireJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  public static <T> T read(byte[] json, Class<T> type) {
    return MAPPER.readValue(json, type);
  }

  public static <T> T read(String json, Class<T> type) {
    return MAPPER.readValue(json, type);
  }

  public static byte[] write(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  public static String writeString(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /** Converts a loosely typed value (an {@code args} entry) to a record. */
  public static <T> T convert(Object value, Class<T> type) {
    return MAPPER.convertValue(value, type);
  }

  /**
   * One line for a user: which field (as a JSON path such as {@code commands[0].commandName}) and
   * what was wrong with it.
   */
  public static String describe(JacksonException e) {
    String field = e instanceof DatabindException d ? d.getPathReference() : null;
    String reason = e.getOriginalMessage();
    if (e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
      reason = iae.getMessage();
    }
    String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    return field == null || field.isEmpty()
        ? reason + where
        : "field '" + jsonPath(e) + "': " + reason + where;
  }

  private static String jsonPath(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
