package io.kso.suite.process;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to start one service of the suite and how to tell it is up.
 *
 * @param name the module name, e.g. {@code operator}
 * @param jar the runnable jar
 * @param env environment variables: ports, {@code CONFIG}, {@code KUBECONFIG}…
 * @param liveness the liveness probe URL
 * @param readiness the readiness probe URL
 */
public record ServiceSpec(
    String name, Path jar, Map<String, String> env, URI liveness, URI readiness) {
  public ServiceSpec {
    env = Map.copyOf(env);
  }
}
