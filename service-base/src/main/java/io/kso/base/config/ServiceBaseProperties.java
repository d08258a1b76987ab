package io.kso.base.config;

import io.kso.common.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every service reads the same way.
 *
 * @param configPath the cluster configuration file ({@code CONFIG} overrides it)
 * @param requiredConfigKeys keys of that file the service cannot start without
 * @param probeTimeout how long a readiness check may wait on a dependency
 * @param probeCacheFor how long a readiness check result is reused
 */
@ConfigurationProperties("ks.base")
public record ServiceBaseProperties(
    Path configPath,
    @DefaultValue List<String> requiredConfigKeys,
    @DefaultValue("2s") Duration probeTimeout,
    @DefaultValue("5s") Duration probeCacheFor) {
  public ServiceBaseProperties {
    Settings.required(configPath, "ks.base.config-path");
  }
}
