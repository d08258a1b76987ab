package io.kso.base.testapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/** Starts {@link TestServiceApplication} on a random port with a cluster configuration file. */
public final class RunningService implements AutoCloseable {
  private final ConfigurableApplicationContext context;
  private final WebClient client;

  private RunningService(ConfigurableApplicationContext context) {
    this.context = context;
    int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    this.client = WebClient.create("http://127.0.0.1:" + port);
  }

  public static RunningService start(Path dir, String clusterDataJson, String... properties) {
    return startWith(List.of(), dir, clusterDataJson, properties);
  }

  /** With more configuration classes than the test application's own. */
  public static RunningService startWith(
      List<Class<?>> configurations, Path dir, String clusterDataJson, String... properties) {
    Path config = dir.resolve("clusterData.json");
    try {
      Files.writeString(config, clusterDataJson);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--ks.base.config-path=" + config));
    for (String property : properties) {
      args.add("--" + property);
    }
    return new RunningService(
        new SpringApplicationBuilder(TestServiceApplication.class)
            .sources(configurations.toArray(Class<?>[]::new))
            .run(args.toArray(String[]::new)));
  }

  public WebClient client() {
    return client;
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  @Override
  public void close() {
    context.close();
  }
}
