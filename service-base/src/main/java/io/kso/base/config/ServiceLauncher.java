package io.kso.base.config;

import java.util.Map;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The one way a service starts. Images start services from the bean definitions Spring AOT
 * generated at build time ({@code -Dspring.aot.enabled=true}, docs/footprint.md), which fixed every
 * condition on the environment as it was then: without an OTLP endpoint. When one is configured,
 * the OpenTelemetry exporters need the conditions evaluated now, so the service starts the ordinary
 * way instead, a little slower.
 */
public final class ServiceLauncher {
  private ServiceLauncher() {}

  public static ConfigurableApplicationContext run(Class<?> application, String[] args) {
    if (AotDetector.useGeneratedArtifacts() && !aotUsable(System.getenv())) {
      System.setProperty(AotDetector.AOT_ENABLED, "false");
    }
    return SpringApplication.run(application, args);
  }

  /** Whether the build-time bean definitions hold for a process with this environment. */
  static boolean aotUsable(Map<String, String> env) {
    return OtlpEndpoint.from(env::get) == null;
  }
}
