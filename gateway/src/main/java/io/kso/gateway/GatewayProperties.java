package io.kso.gateway;

import io.kso.common.config.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param websocketPort where leaves connect ({@code WEBSOCKET_PORT})
 * @param parentUrl the master gateway's websocket URL ({@code PARENT_URL}); overrides the cluster
 *     configuration's {@code rootGatewayURL}
 */
@ConfigurationProperties("ks.gateway")
public record GatewayProperties(
    @DefaultValue("8001") int websocketPort, @DefaultValue("") String parentUrl) {
  public GatewayProperties {
    Settings.port(websocketPort, "ks.gateway.websocket-port");
  }
}
