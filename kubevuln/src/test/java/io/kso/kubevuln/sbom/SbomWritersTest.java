package io.kso.kubevuln.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Both writers on one SBOM: schema-valid CycloneDX, complete SPDX, the facts the matcher needs. */
class SbomWritersTest {
  private static final Distro DEBIAN = new Distro("debian", "12", "bookworm", "Debian 12");

  private static Sbom sbom() {
    var libssl =
        SbomPackage.of("libssl3", "3.0.11-1~deb12u2", PackageType.DEB, "/var/lib/dpkg/status")
            .withSource("openssl", "3.0.11-1~deb12u2")
            .withProperty("arch", "amd64");
    var slf4j =
        SbomPackage.of(
            "org.slf4j:slf4j-api",
            "2.0.9",
            PackageType.MAVEN,
            "/app/app.jar/BOOT-INF/lib/slf4j-api-2.0.9.jar");
    var babel =
        SbomPackage.of(
            "@babel/core", "7.23.0", PackageType.NPM, "/srv/node_modules/@babel/core/package.json");
    List<SbomPackage> packages =
        List.of(libssl, slf4j, babel).stream().map(p -> p.withPurl(Purls.of(p, DEBIAN))).toList();
    return new Sbom("registry.example.com/app:1", "sha256:" + "a".repeat(64), DEBIAN, packages);
  }

  @Test
  void cycloneDxIsValidAgainstTheOfficialSchema() throws Exception {
    String json = new CycloneDxWriter().write(sbom());

    assertThat(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), Version.VERSION_16))
        .isEmpty();
    // and the validator does reject what breaks the schema
    String broken = json.replace("\"library\"", "\"not-a-component-type\"");
    assertThat(
            new JsonParser().validate(broken.getBytes(StandardCharsets.UTF_8), Version.VERSION_16))
        .isNotEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void cycloneDxCarriesPurlsSourcePackagesAndEvidence() {
    Map<String, Object> bom =
        JsonMapper.builder().build().readValue(new CycloneDxWriter().write(sbom()), Map.class);
    List<Map<String, Object>> components = (List<Map<String, Object>>) bom.get("components");

    assertThat(components.get(0))
        .containsEntry("type", "operating-system")
        .containsEntry("name", "debian")
        .containsEntry("version", "12");
    Map<String, Object> libssl = components.get(1);
    assertThat(libssl)
        .containsEntry(
            "purl",
            "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl")
        .containsEntry("bom-ref", libssl.get("purl"));
    assertThat((List<Map<String, String>>) libssl.get("properties"))
        .contains(Map.of("name", "kso:package:source-name", "value", "openssl"));
    assertThat(components.get(2))
        .containsEntry("group", "org.slf4j")
        .containsEntry("name", "slf4j-api");
    assertThat(components.get(3))
        .containsEntry("group", "@babel")
        .containsEntry("name", "core")
        .containsEntry("purl", "pkg:npm/%40babel/core@7.23.0");
    assertThat(bom.toString()).contains("/app/app.jar/BOOT-INF/lib/slf4j-api-2.0.9.jar");
  }

  @Test
  @SuppressWarnings("unchecked")
  void spdxHasTheRequiredFieldsAndOneRelationshipPerPackage() {
    var clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
    Map<String, Object> doc =
        JsonMapper.builder().build().readValue(new SpdxWriter(clock).write(sbom()), Map.class);

    assertThat(doc)
        .containsEntry("spdxVersion", "SPDX-2.3")
        .containsEntry("dataLicense", "CC0-1.0")
        .containsEntry("SPDXID", "SPDXRef-DOCUMENT")
        .containsKey("documentNamespace");
    assertThat((Map<String, Object>) doc.get("creationInfo"))
        .containsEntry("created", "2026-01-02T03:04:05Z");
    List<Map<String, Object>> packages = (List<Map<String, Object>>) doc.get("packages");
    assertThat(packages)
        .hasSize(4)
        .allSatisfy(
            p -> assertThat(p).containsKeys("name", "SPDXID", "downloadLocation", "filesAnalyzed"));
    assertThat(packages.get(1).get("externalRefs").toString())
        .contains("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12");
    assertThat((List<?>) doc.get("relationships")).hasSize(4);
  }

  @Test
  void purlsOfEveryEcosystem() {
    assertThat(Purls.of(SbomPackage.of("Flask_Cors", "4.0.0", PackageType.PYPI, "/x"), null))
        .isEqualTo("pkg:pypi/flask-cors@4.0.0");
    assertThat(
            Purls.of(SbomPackage.of("golang.org/x/sys", "v0.1.0", PackageType.GOLANG, "/x"), null))
        .isEqualTo("pkg:golang/golang.org/x/sys@v0.1.0");
    assertThat(
            Purls.of(
                SbomPackage.of("libc6", "2.36-9+deb12u4", PackageType.DEB, "/x")
                    .withSource("glibc", "2.36-9+deb12u3")
                    .withProperty("arch", "amd64"),
                DEBIAN))
        .isEqualTo(
            "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12"
                + "&upstream=glibc%402.36-9%2Bdeb12u3");
    assertThat(
            Purls.of(
                SbomPackage.of("musl", "1.2.4-r2", PackageType.APK, "/x")
                    .withSource("musl", "1.2.4-r2"),
                null))
        .isEqualTo("pkg:apk/alpine/musl@1.2.4-r2");
  }
}
