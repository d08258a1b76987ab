package io.kso.gateway;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param websocketPort where leaves connect ({@code WEBSOCKET_PORT})
 * @param parentUrl the master gateway's websocket URL ({@code PARENT_URL}); overrides the cluster
 *     configuration's {@code rootGatewayURL}
 */
@Validated
@ConfigurationProperties("ks.gateway")
public record GatewayProperties(
    @DefaultValue("8001") @Min(1) @Max(65535) int websocketPort,
    @DefaultValue("") String parentUrl) {}
