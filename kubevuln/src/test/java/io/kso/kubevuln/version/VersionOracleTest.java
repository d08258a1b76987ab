package io.kso.kubevuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kso.kubevuln.testing.Oracle;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every row of every version file in ../shared/oracle/vuln/versions, read at test time. */
class VersionOracleTest {

  private static Stream<Arguments> rows(String file, String field) {
    List<JsonNode> rows = Oracle.rows("versions/" + file, field);
    return rows.stream().map(r -> Arguments.of(Named.of(label(r), r)));
  }

  private static String label(JsonNode r) {
    if (r.has("a")) {
      return r.path("a").asString()
          + " <=> "
          + r.path("b").asString()
          + " = "
          + r.path("cmp").asInt();
    }
    if (r.has("range")) {
      return r.path("version").asString() + " in " + r.path("range").asString();
    }
    return r.toString();
  }

  private static void assertCompare(VersionScheme scheme, JsonNode row) {
    Oracle.present(row);
    String a = row.path("a").asString();
    String b = row.path("b").asString();
    int expected = row.path("cmp").asInt();
    assertThat(Integer.signum(scheme.compare(a, b))).as("%s vs %s", a, b).isEqualTo(expected);
    assertThat(Integer.signum(scheme.compare(b, a))).as("%s vs %s", b, a).isEqualTo(-expected);
  }

  static Stream<Arguments> dpkg() {
    return rows("dpkg.json", null);
  }

  @ParameterizedTest
  @MethodSource
  void dpkg(JsonNode row) {
    assertCompare(new DpkgVersion(), row);
  }

  static Stream<Arguments> apk() {
    return rows("apk.json", null);
  }

  /** Rows noted as newer apk-tools behaviour hold too: this scheme follows the newer rules. */
  @ParameterizedTest
  @MethodSource
  void apk(JsonNode row) {
    assertCompare(new ApkVersion(), row);
  }

  static Stream<Arguments> apkFuzzy() {
    return rows("apk_extra.json", "fuzzy_match");
  }

  @ParameterizedTest
  @MethodSource
  void apkFuzzy(JsonNode row) {
    Oracle.present(row);
    var apk = new ApkVersion();
    String a = row.path("a").asString();
    String b = row.path("b").asString();
    int c = apk.compare(a, b, true);
    boolean result =
        switch (row.path("op").asString()) {
          case "~" -> c == 0;
          case "<~" -> c <= 0;
          case ">~" -> c >= 0;
          default -> throw new IllegalArgumentException(row.toString());
        };
    assertThat(result).isEqualTo(row.path("result").asBoolean());
  }

  static Stream<Arguments> apkValidity() {
    return rows("apk_extra.json", "validity");
  }

  @ParameterizedTest
  @MethodSource
  void apkValidity(JsonNode row) {
    Oracle.present(row);
    assertThat(new ApkVersion().isValid(row.path("version").asString()))
        .isEqualTo(row.path("valid").asBoolean());
  }

  static Stream<Arguments> rpm() {
    return Stream.concat(rows("rpm.json", null), rows("rpm_evr.json", null));
  }

  @ParameterizedTest
  @MethodSource
  void rpm(JsonNode row) {
    assertCompare(new RpmVersion(), row);
  }

  static Stream<Arguments> npmCompare() {
    return rows("npm_semver_compare.json", null);
  }

  @ParameterizedTest
  @MethodSource
  void npmCompare(JsonNode row) {
    assertCompare(new NpmVersion(row.path("options").path("loose").asBoolean(false)), row);
  }

  static Stream<Arguments> npmRanges() {
    return rows("npm_semver_ranges.json", null);
  }

  @ParameterizedTest
  @MethodSource
  void npmRanges(JsonNode row) {
    Oracle.present(row);
    var options =
        new NpmRange.Options(
            row.path("options").path("loose").asBoolean(false),
            row.path("options").path("includePrerelease").asBoolean(false));
    assertThat(
            NpmRange.satisfies(
                row.path("version").asString(), row.path("range").asString(), options))
        .isEqualTo(row.path("satisfies").asBoolean());
  }

  static Stream<Arguments> goCompare() {
    return rows("go_semver.json", "compare");
  }

  /**
   * One row, {@code v1.19 < v1.2}, records golang/mod at the oracle's commit, whose {@code
   * compareInt} compares numbers as strings. Released x/mod and the Go toolchain order them as
   * numbers, and so must a matcher (else go1.9 sorts after go1.10): that row is checked the other
   * way round in {@link GoVersionTest}.
   */
  @ParameterizedTest
  @MethodSource
  void goCompare(JsonNode row) {
    Oracle.present(row);
    var go = new GoVersion();
    String a = row.path("a").asString();
    String b = row.path("b").asString();
    assumeTrue(
        !GoVersionTest.LEXICAL_ROWS.contains(a + " " + b),
        "records a string comparison of numbers at the oracle's golang/mod commit; see GoVersionTest");
    assertThat(go.compareStrict(a, b)).isEqualTo(row.path("cmp").asInt());
    assertThat(go.compareStrict(b, a)).isEqualTo(-row.path("cmp").asInt());
  }

  static Stream<Arguments> goCanonical() {
    return rows("go_semver.json", "canonical");
  }

  @ParameterizedTest
  @MethodSource
  void goCanonical(JsonNode row) {
    Oracle.present(row);
    String input = row.path("input").asString();
    assertThat(GoVersion.canonical(input)).isEqualTo(row.path("canonical").asString());
    assertThat(GoVersion.parse(input) != null).isEqualTo(row.path("valid").asBoolean());
  }

  static Stream<Arguments> maven() {
    return rows("maven.json", null);
  }

  /** Rows holding only in Maven 4 describe behaviour maven-artifact 3.9 (ours) does not have. */
  @ParameterizedTest
  @MethodSource
  void maven(JsonNode row) {
    Oracle.present(row);
    boolean holdsIn39 = false;
    for (JsonNode release : row.path("holds_in")) {
      holdsIn39 |= release.asString().equals("maven-artifact:3.9.11");
    }
    assumeTrue(holdsIn39, "Maven 4 behaviour, not maven-artifact 3.9's");
    assertCompare(new MavenVersion(), row);
  }

  static Stream<Arguments> pep440() {
    return rows("pep440.json", null);
  }

  @ParameterizedTest
  @MethodSource
  void pep440(JsonNode row) {
    assertCompare(new Pep440Version(), row);
  }

  static Stream<Arguments> pep440Normalization() {
    return rows("pep440_extra.json", "normalization");
  }

  @ParameterizedTest
  @MethodSource
  void pep440Normalization(JsonNode row) {
    Oracle.present(row);
    assertThat(String.valueOf(Pep440Version.parse(row.path("input").asString())))
        .isEqualTo(row.path("normalized").asString());
  }

  static Stream<Arguments> pep440Invalid() {
    return rows("pep440_extra.json", "invalid");
  }

  @ParameterizedTest
  @MethodSource
  void pep440Invalid(JsonNode row) {
    Oracle.present(row);
    assertThat(Pep440Version.parse(row.asString())).isNull();
  }
}
