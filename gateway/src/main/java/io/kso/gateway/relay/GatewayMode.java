package io.kso.gateway.relay;

/**
 * A gateway is the master when it has no parent to connect to, and in-cluster otherwise.
 *
 * @param parentUrl the master's websocket URL; empty for the master itself
 */
public record GatewayMode(Role role, String parentUrl) {
  public enum Role {
    MASTER,
    IN_CLUSTER
  }

  /** {@code PARENT_URL} wins over the cluster configuration's {@code rootGatewayURL}. */
  public static GatewayMode of(String parentUrlOverride, String rootGatewayUrl) {
    String parent = firstNonBlank(parentUrlOverride, rootGatewayUrl);
    return parent.isEmpty()
        ? new GatewayMode(Role.MASTER, "")
        : new GatewayMode(Role.IN_CLUSTER, parent);
  }

  private static String firstNonBlank(String first, String second) {
    if (first != null && !first.isBlank()) {
      return first.strip();
    }
    return second == null ? "" : second.strip();
  }
}
