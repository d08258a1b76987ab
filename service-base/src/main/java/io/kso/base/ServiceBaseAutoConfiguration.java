package io.kso.base;

import io.kso.base.config.ServiceBaseProperties;
import io.kso.base.config.StartupReport;
import io.kso.base.health.CachedHealth;
import io.kso.base.health.EndpointReachability;
import io.kso.common.config.ClusterConfig;
import io.kso.common.config.ClusterConfigLoader;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/** The cluster configuration and the event receiver's readiness check, for every service. */
@AutoConfiguration
@EnableConfigurationProperties(ServiceBaseProperties.class)
public class ServiceBaseAutoConfiguration {

  private static final Map<String, Function<ClusterConfig, String>> KEYS =
      Map.of(
          "clusterName", ClusterConfig::clusterName,
          "accountID", ClusterConfig::accountId);

  @Bean
  @ConditionalOnMissingBean
  ClusterConfig clusterConfig(ServiceBaseProperties props) {
    ClusterConfigLoader.Required[] required =
        props.requiredConfigKeys().stream()
            .map(key -> new ClusterConfigLoader.Required(key, requiredAccessor(key)))
            .toArray(ClusterConfigLoader.Required[]::new);
    return ClusterConfigLoader.load(props.configPath(), required);
  }

  @Bean
  HealthIndicator eventReceiverHealthIndicator(ClusterConfig config, ServiceBaseProperties props) {
    EndpointReachability check =
        new EndpointReachability(
            "eventReceiverRestURL", config.eventReceiverRestUrl(), props.probeTimeout());
    return new CachedHealth(check::check, props.probeCacheFor());
  }

  @Bean
  StartupReport startupReport(ApplicationContext context, ClusterConfig config) {
    return new StartupReport(context, config);
  }

  private static Function<ClusterConfig, String> requiredAccessor(String key) {
    Function<ClusterConfig, String> accessor = KEYS.get(key);
    if (accessor == null) {
      throw new IllegalArgumentException(
          "ks.base.required-config-keys: unsupported key '" + key + "', known: " + KEYS.keySet());
    }
    return accessor;
  }
}
