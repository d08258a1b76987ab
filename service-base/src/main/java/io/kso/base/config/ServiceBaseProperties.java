package io.kso.base.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every service reads the same way.
 *
 * @param configPath the cluster configuration file ({@code CONFIG} overrides it)
 * @param requiredConfigKeys keys of that file the service cannot start without
 * @param probeTimeout how long a readiness check may wait on a dependency
 * @param probeCacheFor how long a readiness check result is reused
 */
@Validated
@ConfigurationProperties("ks.base")
public record ServiceBaseProperties(
    @NotNull Path configPath,
    @DefaultValue List<String> requiredConfigKeys,
    @DefaultValue("2s") Duration probeTimeout,
    @DefaultValue("5s") Duration probeCacheFor) {}
