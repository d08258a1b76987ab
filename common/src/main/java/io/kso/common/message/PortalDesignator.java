package io.kso.common.message;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A scope selector. {@code designatorType} is usually {@code Attributes}, and {@code attributes}
 * then carries keys such as {@code namespace}, {@code kind}, {@code name}. Note the lower-case wire
 * key {@code wildwlid}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PortalDesignator(
    @JsonProperty("designatorType") String designatorType,
    @JsonProperty("wlid") String wlid,
    @JsonProperty("wildwlid") String wildWlid,
    @JsonProperty("sid") String sid,
    @JsonProperty("attributes") @JsonInclude(JsonInclude.Include.ALWAYS)
        Map<String, String> attributes) {

  public static final String TYPE_ATTRIBUTES = "Attributes";
  public static final String ATTRIBUTE_NAMESPACE = "namespace";

  public PortalDesignator {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  public static PortalDesignator attributes(Map<String, String> attributes) {
    return new PortalDesignator(TYPE_ATTRIBUTES, null, null, null, attributes);
  }
}
