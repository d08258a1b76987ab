package io.kso.kubescape.adapter.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kso.kubescape.port.ResultStoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileResultStoreTest {
  @TempDir Path dir;

  private static void write(FileResultStore store, String id, String text) {
    store.save(id, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void storesFindsAndDeletesReports() throws Exception {
    FileResultStore store = new FileResultStore(dir, 5);
    write(store, "a1", "{\"x\":1}");
    assertThat(Files.readString(store.find("a1").orElseThrow())).isEqualTo("{\"x\":1}");
    assertThat(store.delete("a1")).isTrue();
    assertThat(store.find("a1")).isEmpty();
    assertThat(store.delete("a1")).isFalse();
  }

  @Test
  void keepsTheNewestAndTheyOutliveTheStore() throws Exception {
    FileResultStore store = new FileResultStore(dir, 2);
    for (int i = 0; i < 4; i++) {
      write(store, "r" + i, "{}");
      Files.setLastModifiedTime(dir.resolve("r" + i + ".json"), FileTime.fromMillis(1000L * i));
    }
    write(store, "r9", "{}");
    FileResultStore reopened = new FileResultStore(dir, 2);
    assertThat(reopened.find("r9")).isPresent();
    assertThat(reopened.newest()).contains("r9");
    assertThat(reopened.find("r0")).isEmpty();
    assertThat(reopened.deleteAll()).isEqualTo(2);
  }

  @Test
  void aFailedWriteLeavesNoReportAndNoTemporaryFile() throws Exception {
    FileResultStore store = new FileResultStore(dir, 2);
    assertThatThrownBy(
            () ->
                store.save(
                    "bad",
                    out -> {
                      out.write('{');
                      throw new java.io.IOException("disk full");
                    }))
        .isInstanceOf(ResultStoreException.class)
        .hasMessageContaining("disk full");
    assertThat(store.find("bad")).isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void idsThatCouldEscapeTheDirectoryAreNeverFound() throws Exception {
    Files.writeString(dir.getParent().resolve("secret.json"), "{}");
    FileResultStore store = new FileResultStore(dir, 2);
    assertThat(store.find("../secret")).isEmpty();
    assertThat(store.find("")).isEmpty();
    assertThat(store.delete("../secret")).isFalse();
    assertThat(Files.exists(dir.getParent().resolve("secret.json"))).isTrue();
  }
}
