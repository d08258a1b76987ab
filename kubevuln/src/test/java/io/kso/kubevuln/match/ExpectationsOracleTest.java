package io.kso.kubevuln.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubevuln.store.OsvImporter;
import io.kso.kubevuln.store.VulnStore;
import io.kso.kubevuln.testing.Oracle;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every item of expectations/osv_scanner.json and expectations/trivy.json, with only the item's
 * record set imported into a store: each expected id is reported (as a record id or an alias), no
 * not-expected record is.
 */
class ExpectationsOracleTest {
  @TempDir static Path stores;
  private static final Map<String, VulnStore> OPEN = new HashMap<>();

  static Stream<Arguments> items() {
    var out = new ArrayList<Arguments>();
    for (String file : List.of("osv_scanner.json", "trivy.json")) {
      for (JsonNode item : Oracle.rows("expectations/" + file, null)) {
        String label =
            item.has("missing")
                ? file
                : file
                    + ": "
                    + item.path("ecosystem").asString()
                    + " "
                    + item.path("package").asString()
                    + " "
                    + item.path("version").asString();
        out.add(Arguments.of(Named.of(label, item)));
      }
    }
    return out.stream();
  }

  private static synchronized VulnStore storeFor(String records) {
    return OPEN.computeIfAbsent(
        records,
        r -> {
          Path dir = stores.resolve("s" + OPEN.size());
          new OsvImporter(Clock.systemUTC())
              .importInto(dir, List.of(Oracle.dir().resolve(r).toString()), true);
          return VulnStore.open(dir);
        });
  }

  @AfterAll
  static void closeStores() {
    OPEN.values().forEach(VulnStore::close);
    OPEN.clear();
  }

  @ParameterizedTest
  @MethodSource("items")
  void matchesAsRecorded(JsonNode item) {
    Oracle.present(item);
    var pkg =
        new PackageRef(
            item.path("ecosystem").asString(),
            item.path("package").asString(),
            item.path("version").asString(),
            "",
            item.path("source_package").asString(""),
            "");
    var matcher = new Matcher(storeFor(item.path("records").asString()));
    List<Match> matches = matcher.match(pkg);
    assertThat(matcher.match(List.of(pkg)))
        .as("one package alone and in a batch match alike")
        .extracting(Match::vulnerabilityId)
        .containsExactlyElementsOf(matches.stream().map(Match::vulnerabilityId).toList());

    for (JsonNode id : item.path("expected_vulns")) {
      assertThat(matches)
          .as("%s must be reported for %s", id.asString(), pkg)
          .anyMatch(m -> m.reports(id.asString()));
    }
    for (JsonNode id : item.path("not_expected")) {
      assertThat(matches)
          .as("%s must not be reported for %s", id.asString(), pkg)
          .noneMatch(m -> m.vulnerabilityId().equals(id.asString()));
    }
  }
}
