package io.kso.kubevuln.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubevuln.osv.OsvRecord;
import io.kso.kubevuln.osv.OsvRecord.Affected;
import io.kso.kubevuln.osv.OsvRecord.Event;
import io.kso.kubevuln.osv.OsvRecord.Range;
import io.kso.kubevuln.osv.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatcherTest {
  /** The records given to it, filtered as the store filters them. */
  private static AdvisoryIndex index(OsvRecord... records) {
    return (ecosystem, name) -> {
      var out = new ArrayList<OsvRecord>();
      for (OsvRecord r : records) {
        List<Affected> hits =
            r.affected().stream()
                .filter(a -> PackageNames.ecosystemCovers(ecosystem, a.ecosystem()))
                .filter(
                    a ->
                        PackageNames.key(ecosystem, a.name())
                            .equals(PackageNames.key(ecosystem, name)))
                .toList();
        if (!hits.isEmpty()) {
          out.add(
              new OsvRecord(r.id(), r.modified(), r.aliases(), r.summary(), r.severity(), hits));
        }
      }
      return out;
    };
  }

  private static Affected affected(
      String eco, String name, List<String> versions, Event... events) {
    return new Affected(
        eco, name, List.of(new Range("ECOSYSTEM", List.of(events))), versions, null);
  }

  private static Event ev(Event.Kind kind, String v) {
    return new Event(kind, v);
  }

  private static OsvRecord rec(String id, Affected... affected) {
    return new OsvRecord(
        id,
        "",
        List.of("CVE-" + id),
        "",
        new Severity(Severity.Level.HIGH, 7.5, "v"),
        List.of(affected));
  }

  @Test
  void saysWhichRangeMatchedAndTheFixedVersion() {
    var r =
        rec(
            "X-1",
            affected(
                "Maven",
                "g:a",
                List.of(),
                ev(Event.Kind.INTRODUCED, "2.0"),
                ev(Event.Kind.FIXED, "2.9.10.7")));
    Match m = new Matcher(index(r)).match(PackageRef.of("Maven", "g:a", "2.9.1")).get(0);

    assertThat(m.fixedVersion()).isEqualTo("2.9.10.7");
    assertThat(m.aliases()).containsExactly("CVE-X-1");
    assertThat(m.severity().level()).isEqualTo(Severity.Level.HIGH);
    assertThat(m.matchedBy())
        .isEqualTo(
            new MatchedBy(
                "X-1",
                "Maven",
                "g:a",
                "package",
                "2.9.1",
                "range",
                "ECOSYSTEM [2.0, 2.9.10.7)",
                "maven"));
  }

  @Test
  void lastAffectedIsInclusiveAndHasNoFix() {
    var r =
        rec(
            "X-2",
            affected(
                "npm",
                "p",
                List.of(),
                ev(Event.Kind.INTRODUCED, "0"),
                ev(Event.Kind.LAST_AFFECTED, "1.2.3")));
    var matcher = new Matcher(index(r));
    assertThat(matcher.match(PackageRef.of("npm", "p", "1.2.3")))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.fixedVersion()).isEmpty();
              assertThat(m.matchedBy().detail()).isEqualTo("ECOSYSTEM [0, 1.2.3]");
            });
    assertThat(matcher.match(PackageRef.of("npm", "p", "1.2.4"))).isEmpty();
  }

  @Test
  void aVersionsListMatchesExactlyOrByEquivalentVersion() {
    var r =
        new OsvRecord(
            "P-1",
            "",
            List.of(),
            "",
            Severity.UNKNOWN,
            List.of(new Affected("PyPI", "Flask_Cors", List.of(), List.of("1.0", "1.1"), null)));
    var matcher = new Matcher(index(r));
    assertThat(matcher.match(PackageRef.of("PyPI", "flask-cors", "1.0.0")))
        .singleElement()
        .satisfies(m -> assertThat(m.matchedBy().rule()).isEqualTo("versions"));
    assertThat(matcher.match(PackageRef.of("PyPI", "flask-cors", "1.2"))).isEmpty();
  }

  @Test
  void matchesABinaryPackageByItsSourcePackage() {
    var r =
        rec(
            "D-1",
            affected(
                "Debian:9",
                "e2fsprogs",
                List.of(),
                ev(Event.Kind.INTRODUCED, "0"),
                ev(Event.Kind.FIXED, "1.43.4-2+deb9u1")));
    var libss2 =
        new PackageRef(
            "Debian:9", "libss2", "1.43.4-2", "pkg:deb/debian/libss2@1.43.4-2", "e2fsprogs", "");
    var matcher = new Matcher(index(r));

    assertThat(matcher.match(List.of(libss2)))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.matchedBy().nameKind()).isEqualTo("source");
              assertThat(m.matchedBy().packageName()).isEqualTo("e2fsprogs");
              assertThat(m.pkg()).isEqualTo(libss2);
            });
    assertThat(
            matcher.match(
                List.of(new PackageRef("Debian:10", "libss2", "1.43.4-2", "", "e2fsprogs", ""))))
        .isEmpty();
  }

  @Test
  void aPackageSpecificSeverityWinsOverTheRecords() {
    var own = new Severity(Severity.Level.LOW, null, "");
    var a =
        new Affected(
            "npm",
            "p",
            List.of(new Range("ECOSYSTEM", List.of(ev(Event.Kind.INTRODUCED, "0")))),
            List.of(),
            own);
    var r = rec("S-1", a);
    assertThat(new Matcher(index(r)).match(PackageRef.of("npm", "p", "9.9.9")).get(0).severity())
        .isEqualTo(own);
  }

  @Test
  void introducedZeroCoversGoPseudoVersions() {
    var r =
        new OsvRecord(
            "GO-1",
            "",
            List.of(),
            "",
            Severity.UNKNOWN,
            List.of(
                new Affected(
                    "Go",
                    "golang.org/x/sys",
                    List.of(
                        new Range(
                            "SEMVER",
                            List.of(
                                ev(Event.Kind.INTRODUCED, "0"),
                                ev(Event.Kind.FIXED, "0.0.0-20220412211240-33da011f77ad")))),
                    List.of(),
                    null)));
    assertThat(
            new Matcher(index(r))
                .match(
                    PackageRef.of("Go", "golang.org/x/sys", "v0.0.0-20210817142637-7d9622a276b7")))
        .hasSize(1);
  }

  @Test
  void ecosystemsWithoutAVersionOrderingAreNotGuessed() {
    var r = rec("R-1", affected("RubyGems", "rails", List.of(), ev(Event.Kind.INTRODUCED, "0")));
    assertThat(new Matcher(index(r)).match(PackageRef.of("RubyGems", "rails", "7.0.0"))).isEmpty();
  }
}
