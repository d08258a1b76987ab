package io.kso.kubevuln.store;

import static io.kso.kubevuln.testing.OsvFiles.record;
import static io.kso.kubevuln.testing.OsvFiles.write;
import static io.kso.kubevuln.testing.OsvFiles.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.kso.kubevuln.osv.OsvRecord;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvImporterTest {
  private static final Instant NOW = Instant.parse("2026-11-10T00:00:00Z");
  @TempDir Path tmp;
  private final OsvImporter importer = new OsvImporter(Clock.fixed(NOW, ZoneOffset.UTC));

  private Path db() {
    return tmp.resolve("db");
  }

  private List<String> ids(String name) {
    try (var store = VulnStore.open(db())) {
      return store.affecting("npm", name).stream().map(OsvRecord::id).toList();
    }
  }

  private long records() {
    try (var store = VulnStore.open(db())) {
      return store.status(Duration.ofDays(7), NOW).records();
    }
  }

  @Test
  void importsOneRecordAnArrayAFolderAndAZip() {
    Path single = write(tmp.resolve("one.json"), record("A-1", "left-pad", "1.0.0"));
    Path array =
        write(
            tmp.resolve("many.json"),
            "["
                + record("A-2", "left-pad", "2.0.0")
                + ","
                + record("A-3", "lodash", "4.17.12")
                + "]");
    write(tmp.resolve("dir/sub/a4.json"), record("A-4", "lodash", "4.17.21"));
    Path dir = tmp.resolve("dir");
    Path archive =
        zip(tmp.resolve("npm.zip"), Map.of("A-5.json", record("A-5", "minimist", "1.2.6")));

    ImportResult r =
        importer.importInto(
            db(),
            List.of(single.toString(), array.toString(), dir.toString(), archive.toString()),
            false);

    assertThat(r.recordsRead()).isEqualTo(5);
    assertThat(r.recordsInStore()).isEqualTo(5);
    assertThat(ids("left-pad")).containsExactlyInAnyOrder("A-1", "A-2");
    assertThat(ids("lodash")).containsExactlyInAnyOrder("A-3", "A-4");
    assertThat(ids("minimist")).containsExactly("A-5");
  }

  @Test
  void aFailedImportKeepsTheOldStoreAndLeavesNoPartialFile() throws IOException {
    Path good = write(tmp.resolve("good.json"), record("A-1", "left-pad", "1.0.0"));
    importer.importInto(db(), List.of(good.toString()), false);
    Path more = write(tmp.resolve("more.json"), record("A-2", "left-pad", "2.0.0"));
    Path corrupt = write(tmp.resolve("corrupt.json"), "{\"id\": \"A-3\", \"affected\": [");

    assertThatThrownBy(
            () -> importer.importInto(db(), List.of(more.toString(), corrupt.toString()), false))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("corrupt.json")
        .extracting(e -> ((StoreException) e).reason())
        .isEqualTo(StoreException.Reason.BAD_SOURCE);

    assertThat(ids("left-pad")).containsExactly("A-1");
    try (Stream<Path> files = Files.list(db())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("osv.db", ".import.lock");
    }
  }

  @Test
  void aBadZipFailsTheImportAndKeepsTheOldStore() {
    Path good = write(tmp.resolve("good.json"), record("A-1", "left-pad", "1.0.0"));
    importer.importInto(db(), List.of(good.toString()), false);
    Path bad = write(tmp.resolve("all.zip"), "PK\u0003\u0004 this is not really a zip archive");

    assertThatThrownBy(() -> importer.importInto(db(), List.of(bad.toString()), true))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("all.zip");
    assertThat(ids("left-pad")).containsExactly("A-1");
  }

  @Test
  void refusesSourcesWithoutRecords() {
    Path empty = write(tmp.resolve("empty.json"), "[]");
    assertThatThrownBy(() -> importer.importInto(db(), List.of(empty.toString()), false))
        .hasMessageContaining("no OSV records");
    assertThatThrownBy(
            () -> importer.importInto(db(), List.of(tmp.resolve("missing").toString()), false))
        .hasMessageContaining("no such file");
    assertThat(db().resolve("osv.db")).doesNotExist();
  }

  @Test
  void aNewImportAddsToTheStoreAndReplacesRecordsWithTheSameId() {
    importer.importInto(
        db(),
        List.of(write(tmp.resolve("a.json"), record("A-1", "left-pad", "1.0.0")).toString()),
        false);
    String changed = record("A-1", "lodash", "4.0.0");
    importer.importInto(
        db(),
        List.of(
            write(
                    tmp.resolve("b.json"),
                    "[" + changed + "," + record("A-2", "left-pad", "2.0.0") + "]")
                .toString()),
        false);

    assertThat(ids("left-pad")).containsExactly("A-2");
    assertThat(ids("lodash")).containsExactly("A-1");
    assertThat(records()).isEqualTo(2);
  }

  @Test
  void aWithdrawnRecordNoLongerMatches() {
    importer.importInto(
        db(),
        List.of(write(tmp.resolve("a.json"), record("A-1", "left-pad", "1.0.0")).toString()),
        false);
    String withdrawn =
        record("A-1", "left-pad", "1.0.0")
            .replace("{\"id\"", "{\"withdrawn\":\"2026-11-02T00:00:00Z\",\"id\"");
    importer.importInto(db(), List.of(write(tmp.resolve("b.json"), withdrawn).toString()), false);

    assertThat(ids("left-pad")).isEmpty();
  }

  @Test
  void replaceStartsFromAnEmptyStore() {
    importer.importInto(
        db(),
        List.of(write(tmp.resolve("a.json"), record("A-1", "left-pad", "1.0.0")).toString()),
        false);
    importer.importInto(
        db(),
        List.of(write(tmp.resolve("b.json"), record("A-2", "lodash", "1.0.0")).toString()),
        true);

    assertThat(ids("left-pad")).isEmpty();
    assertThat(records()).isEqualTo(1);
  }

  @Test
  void statusGivesCountsAgeAndStaleness() {
    String old = record("A-1", "npm", "left-pad", "0", "1.0.0", "2026-10-01T00:00:00Z");
    String newer = record("A-2", "PyPI", "Flask_Cors", "0", "3.0.0", "2026-11-01T00:00:00Z");
    String placeholderDate =
        record("A-3", "Go", "example.com/m", "0", "1.0.0", "0001-01-01T00:00:00Z");
    Path file = write(tmp.resolve("a.json"), "[" + old + "," + newer + "," + placeholderDate + "]");
    importer.importInto(db(), List.of(file.toString()), false);

    try (var store = VulnStore.open(db())) {
      StoreStatus fresh = store.status(Duration.ofDays(10), NOW);
      assertThat(fresh.records()).isEqualTo(3);
      assertThat(fresh.recordsByEcosystem())
          .containsEntry("npm", 1L)
          .containsEntry("PyPI", 1L)
          .containsEntry("Go", 1L);
      assertThat(fresh.newestRecord()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
      assertThat(fresh.builtAt()).isEqualTo(NOW);
      assertThat(fresh.age()).isEqualTo(Duration.ofDays(9));
      assertThat(fresh.stale()).isFalse();
      assertThat(store.status(Duration.ofDays(7), NOW).stale()).isTrue();
      assertThat(store.affecting("PyPI", "flask-cors"))
          .extracting(OsvRecord::id)
          .containsExactly("A-2");
    }
  }

  @Test
  void importsFromAUrl() throws IOException {
    byte[] body = record("A-9", "left-pad", "1.0.0").getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/osv/A-9.json",
        exchange -> {
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      importer.importInto(db(), List.of(base + "/osv/A-9.json"), false);
      assertThat(ids("left-pad")).containsExactly("A-9");
      assertThatThrownBy(() -> importer.importInto(db(), List.of(base + "/missing.zip"), false))
          .hasMessageContaining("HTTP 404");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aFileThatIsNotAStoreIsReportedAsCorrupt() throws IOException {
    Files.createDirectories(db());
    Files.writeString(db().resolve("osv.db"), "not sqlite");
    assertThatThrownBy(() -> VulnStore.open(db()))
        .isInstanceOf(StoreException.class)
        .extracting(e -> ((StoreException) e).reason())
        .isEqualTo(StoreException.Reason.CORRUPT);
    Path good = write(tmp.resolve("good.json"), record("A-1", "left-pad", "1.0.0"));
    assertThatThrownBy(() -> importer.importInto(db(), List.of(good.toString()), false))
        .hasMessageContaining("--replace");
    importer.importInto(db(), List.of(good.toString()), true);
    assertThat(ids("left-pad")).containsExactly("A-1");
    assertThatThrownBy(() -> VulnStore.open(tmp.resolve("none")))
        .extracting(e -> ((StoreException) e).reason())
        .isEqualTo(StoreException.Reason.NO_STORE);
  }
}
