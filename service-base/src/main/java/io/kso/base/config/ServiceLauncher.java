package io.kso.base.config;

import java.util.Map;
import java.util.Properties;
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

  /**
   * Netty 4.2 registers its buffer-allocation events with the JDK Flight Recorder on the first
   * allocation of an event loop, which sets up JFR's whole metadata repository: about 50 ms of CPU
   * inside the first request a service answers, its first readiness probe. Nothing here records
   * those events; {@code -Dio.netty.jfr.enabled=true} brings them back.
   */
  static final String NETTY_JFR = "io.netty.jfr.enabled";

  public static ConfigurableApplicationContext run(Class<?> application, String[] args) {
    leaveNettyJfrOffUnlessAsked(System.getProperties());
    if (AotDetector.useGeneratedArtifacts() && !aotUsable(System.getenv())) {
      System.setProperty(AotDetector.AOT_ENABLED, "false");
    }
    return SpringApplication.run(application, args);
  }

  static void leaveNettyJfrOffUnlessAsked(Properties system) {
    system.putIfAbsent(NETTY_JFR, "false");
  }

  /** Whether the build-time bean definitions hold for a process with this environment. */
  static boolean aotUsable(Map<String, String> env) {
    return OtlpEndpoint.from(env::get) == null;
  }
}
