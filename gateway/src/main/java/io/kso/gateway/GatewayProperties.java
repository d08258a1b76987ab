package io.kso.gateway;

import io.kso.common.config.Settings;
import io.kso.gateway.relay.Backoff;
import io.kso.gateway.relay.Credentials;
import io.kso.gateway.relay.KeepAlive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param websocketPort where leaves connect ({@code WEBSOCKET_PORT}); 0 picks a free port
 * @param websocketAddress the address the websocket server binds to
 * @param parentUrl the master gateway's websocket URL ({@code PARENT_URL}); overrides the cluster
 *     configuration's {@code rootGatewayURL}
 * @param clientId presented to the master, and required from in-cluster gateways by a master that
 *     has credentials ({@code CLIENT_ID})
 * @param secretKey goes with {@code clientId} ({@code SECRET_KEY}); never printed
 * @param maxMessageSize the largest notification accepted, over REST or websocket
 * @param deliveryTimeout how long a synchronous REST delivery waits for its writes
 * @param eventLoops the gateway's network threads, shared by its servers and its upstream client; 0
 *     means one per available processor
 */
@ConfigurationProperties("ks.gateway")
public record GatewayProperties(
    @DefaultValue("8001") int websocketPort,
    @DefaultValue("0.0.0.0") String websocketAddress,
    @DefaultValue("") String parentUrl,
    @DefaultValue("") String clientId,
    @DefaultValue("") String secretKey,
    @DefaultValue("1MB") DataSize maxMessageSize,
    @DefaultValue("10s") Duration deliveryTimeout,
    @DefaultValue Outbound outbound,
    @DefaultValue KeepAliveSettings keepAlive,
    @DefaultValue Reconnect reconnect,
    @DefaultValue("0") int eventLoops) {

  public GatewayProperties {
    if (websocketPort < 0 || websocketPort > 65535) {
      throw new IllegalArgumentException(
          "ks.gateway.websocket-port must be a port (0-65535), was " + websocketPort);
    }
    Settings.notBlank(websocketAddress, "ks.gateway.websocket-address");
    if (eventLoops < 0) {
      throw new IllegalArgumentException(
          "ks.gateway.event-loops must be 0 (one per processor) or more, was " + eventLoops);
    }
    if (maxMessageSize.toBytes() < 1 || maxMessageSize.toBytes() > outbound.maxBytes().toBytes()) {
      throw new IllegalArgumentException(
          "ks.gateway.max-message-size must be positive and at most ks.gateway.outbound.max-bytes ("
              + outbound.maxBytes()
              + "), was "
              + maxMessageSize);
    }
  }

  /**
   * What one connection may have waiting to be written before it counts as too slow and is
   * disconnected.
   *
   * @param closeGrace how long a slow connection gets to take its close frame before it is cut
   */
  public record Outbound(
      @DefaultValue("256") int maxMessages,
      @DefaultValue("4MB") DataSize maxBytes,
      @DefaultValue("1s") Duration closeGrace) {
    public Outbound {
      Settings.atLeast(maxMessages, 1, "ks.gateway.outbound.max-messages");
      if (maxBytes.toBytes() < 1 || maxBytes.toBytes() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "ks.gateway.outbound.max-bytes must be between 1B and 2GB, was " + maxBytes);
      }
    }
  }

  /**
   * Pings both ways: to leaves, and up to the master.
   *
   * @param maxMissed a peer silent for this many intervals is dropped
   */
  public record KeepAliveSettings(
      @DefaultValue("10s") Duration pingInterval, @DefaultValue("3") int maxMissed) {
    public KeepAliveSettings {
      new KeepAlive(pingInterval, maxMissed);
    }

    public KeepAlive policy() {
      return new KeepAlive(pingInterval, maxMissed);
    }
  }

  /** Backoff between dials to the master. */
  public record Reconnect(
      @DefaultValue("1s") Duration initial,
      @DefaultValue("30s") Duration max,
      @DefaultValue("0.5") double jitter) {
    public Reconnect {
      new Backoff(initial, max, jitter);
    }

    public Backoff backoff() {
      return new Backoff(initial, max, jitter);
    }
  }

  /** The number of event loops to run: as configured, or one per available processor. */
  public int eventLoopCount() {
    return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
  }

  public Credentials credentials() {
    return new Credentials(clientId, secretKey);
  }

  @Override
  public String toString() {
    return "GatewayProperties[websocketPort="
        + websocketPort
        + ", websocketAddress="
        + websocketAddress
        + ", parentUrl="
        + parentUrl
        + ", "
        + credentials()
        + ", maxMessageSize="
        + maxMessageSize
        + ", deliveryTimeout="
        + deliveryTimeout
        + ", outbound="
        + outbound
        + ", keepAlive="
        + keepAlive
        + ", reconnect="
        + reconnect
        + ", eventLoops="
        + eventLoops
        + "]";
  }
}
