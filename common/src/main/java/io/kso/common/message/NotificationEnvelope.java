package io.kso.common.message;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What the gateway routes: {@code target} attributes choose the receivers, {@code notification} is
 * passed on untouched (for the operator it is a {@link Commands} body).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationEnvelope(
    @JsonProperty("target") Map<String, String> target,
    @JsonProperty("sendSynchronicity") boolean sendSynchronicity,
    @JsonProperty("notification") @JsonInclude(JsonInclude.Include.NON_NULL) Object notification) {

  public static final String TARGET_CUSTOMER = "customerGUID";
  public static final String TARGET_CLUSTER = "clusterName";
  public static final String TARGET_COMPONENT = "clusterComponent";
  public static final String TARGET_DEST = "dest";

  public static final String COMPONENT_TRIGGER_HANDLER = "InClusterTriggerHandler";
  public static final String DEST_TRIGGER = "trigger";
  public static final String DEST_KUBESCAPE = "kubescape";

  public static final String PATH_WEBSOCKET = "/v1/waitfornotification";
  public static final String PATH_REST = "/v1/sendnotification";

  public NotificationEnvelope {
    target = target == null ? Map.of() : Map.copyOf(target);
  }
}
