package io.kso.common.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonsTest {
  @Test
  void factoryThreadsAreNamedDaemonsAndNotStarted() {
    Thread thread = Daemons.named("worker").newThread(() -> {});

    assertThat(thread.getName()).isEqualTo("worker");
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getState()).isEqualTo(Thread.State.NEW);
  }

  @Test
  void startRunsTheTaskOnANamedDaemon() throws Exception {
    CompletableFuture<Thread> ranOn = new CompletableFuture<>();

    Thread thread = Daemons.start("report", () -> ranOn.complete(Thread.currentThread()));

    assertThat(ranOn.get(10, TimeUnit.SECONDS)).isSameAs(thread);
    assertThat(thread.getName()).isEqualTo("report");
    assertThat(thread.isDaemon()).isTrue();
  }
}
