package io.kso.base.kubernetes;

import io.kso.base.config.ServiceBaseProperties;
import io.kso.common.concurrent.Daemons;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Starts building the Kubernetes client on a thread of its own as soon as the environment is known.
 * Reading the kubeconfig or service account and setting up TLS and the HTTP client take about a
 * tenth of a start; this way they overlap with the rest of the context instead of adding to it.
 * {@link KubernetesAutoConfiguration} takes the client from here, and builds it itself when nothing
 * was started (no fabric8 on the class path, or Spring AOT processing at build time).
 */
public final class KubernetesClientPrebuild
    implements ApplicationListener<SpringApplicationEvent>, Ordered {
  static final String BEAN = "kubernetesClientPrebuild";
  private static final String FABRIC8_CLIENT = "io.fabric8.kubernetes.client.KubernetesClient";

  private Started started;

  @Override
  public void onApplicationEvent(SpringApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent prepared && shouldStart()) {
      ServiceBaseProperties props =
          Binder.get(prepared.getEnvironment())
              .bindOrCreate("ks.base", ServiceBaseProperties.class);
      started = Started.building(props);
    } else if (event instanceof ApplicationPreparedEvent prepared && started != null) {
      prepared.getApplicationContext().getBeanFactory().registerSingleton(BEAN, started);
    } else if ((event instanceof ApplicationReadyEvent || event instanceof ApplicationFailedEvent)
        && started != null) {
      started.closeIfUnused();
    }
  }

  private static boolean shouldStart() {
    return !Boolean.getBoolean("spring.aot.processing")
        && ClassUtils.isPresent(FABRIC8_CLIENT, KubernetesClientPrebuild.class.getClassLoader());
  }

  /** After the environment post-processors, so that the client sees every property source. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** A client being built; {@link #await} hands it over or throws what building it threw. */
  public static final class Started {
    private final CompletableFuture<AutoCloseable> client = new CompletableFuture<>();
    private final AtomicBoolean taken = new AtomicBoolean();

    private Started() {}

    static Started building(ServiceBaseProperties props) {
      Started started = new Started();
      Daemons.start(
          "kubernetes-client-prebuild",
          () -> {
            try {
              started.client.complete(KubernetesClients.build(props));
            } catch (RuntimeException | Error e) {
              started.client.completeExceptionally(e);
            }
          });
      return started;
    }

    Object await() {
      taken.set(true);
      try {
        return client.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }

    boolean taken() {
      return taken.get();
    }

    /** Closes the client when the context did without it (a test's own client, a failed start). */
    void closeIfUnused() {
      if (taken.get()) {
        return;
      }
      client.thenAccept(
          c -> {
            try {
              c.close();
            } catch (Exception e) {
              // nothing was using it
            }
          });
    }
  }
}
