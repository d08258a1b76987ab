package io.kso.kubevuln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubevuln.catalog.SbomGenerator;
import io.kso.kubevuln.image.ImageLimits;
import io.kso.kubevuln.image.Platform;
import io.kso.kubevuln.registry.ImageReference;
import io.kso.kubevuln.registry.RegistryClient;
import io.kso.kubevuln.registry.RegistryImageSource;
import io.kso.kubevuln.registry.RegistryOptions;
import io.kso.kubevuln.sbom.Sbom;
import io.kso.kubevuln.testing.CatalogerFixtures;
import io.kso.kubevuln.testing.CatalogerFixtures.Fixture;
import io.kso.kubevuln.testing.CliRun;
import io.kso.kubevuln.testing.TestImage;
import io.kso.kubevuln.testing.TestLayer;
import io.kso.kubevuln.testing.TestLayer.Compression;
import io.kso.kubevuln.testing.TestRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Images pushed to a real registry (Debian's docker-registry on 127.0.0.1) and read back. */
class SbomRegistryIT {
  @TempDir static Path temp;
  static TestRegistry registry;

  @BeforeAll
  static void startRegistry() {
    registry = TestRegistry.start(temp);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  static Stream<Fixture> fixtures() {
    return CatalogerFixtures.imageFixtures();
  }

  private static Sbom sbom(String ref) {
    var client = new RegistryClient(RegistryOptions.defaults().withPlainHttp(true));
    try (var source =
        new RegistryImageSource(ImageReference.parse(ref), client, Platform.LINUX_AMD64)) {
      return new SbomGenerator(SbomGenerator.allCatalogers(), ImageLimits.DEFAULT).generate(source);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everyFixtureImageGivesExactlyItsExpectedPackages(Fixture fixture) {
    String ref =
        registry.push(
            CatalogerFixtures.image(fixture),
            "fixtures/" + fixture.id().toLowerCase().replaceAll("[^a-z0-9/]+", "-"),
            "v1");
    CatalogerFixtures.assertMatches(fixture, sbom(ref));
  }

  @Test
  void cliWritesCycloneDxWithDistroQualifiedPurls() {
    String ref =
        registry.push(
            TestImage.of(
                new TestLayer()
                    .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                    .file(
                        "var/lib/dpkg/status",
                        "Package: libssl3\nStatus: install ok installed\n"
                            + "Architecture: amd64\nSource: openssl\nVersion: 3.0.11-1~deb12u2\n")),
            "cli/deb",
            "1");

    CliRun run = CliRun.of("sbom", ref, "--insecure-registry");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, Object> bom = run.json();
    assertThat(bom).containsEntry("bomFormat", "CycloneDX").containsEntry("specVersion", "1.6");
    List<Object> purls =
        ((List<?>) bom.get("components"))
            .stream().map(c -> (Object) ((Map<?, ?>) c).get("purl")).toList();
    assertThat(purls)
        .contains(
            "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl");
    assertThat(((Map<?, ?>) ((Map<?, ?>) bom.get("metadata")).get("component")).get("version"))
        .asString()
        .startsWith("sha256:");
  }

  @Test
  void cliWritesSpdxToAFile() throws Exception {
    String ref =
        registry.push(
            TestImage.of(
                new TestLayer()
                    .file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                    .file(
                        "lib/apk/db/installed",
                        "P:libcrypto3\nV:3.1.4-r5\nA:x86_64\no:openssl\n\n")),
            "cli/apk",
            "1");
    Path out = temp.resolve("sbom.spdx.json");

    CliRun run =
        CliRun.of(
            "sbom",
            ref,
            "--insecure-registry",
            "--format",
            "spdx-json",
            "--output",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    String spdx = java.nio.file.Files.readString(out);
    assertThat(spdx)
        .contains("\"spdxVersion\" : \"SPDX-2.3\"")
        .contains(
            "pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1"
                + "&upstream=openssl");
  }

  @Test
  void laterLayersReplaceAndWhiteOutPackagesAcrossCompressions() {
    TestImage image =
        TestImage.of(
            new TestLayer()
                .compression(Compression.GZIP)
                .file("etc/os-release", "ID=debian\nVERSION_ID=12\n")
                .file(
                    "var/lib/dpkg/status",
                    "Package: old\nStatus: install ok installed\n"
                        + "Version: 1\nArchitecture: amd64\n")
                .file("app/lib/gone-1.0.jar", "not really a jar")
                .file(
                    "srv/node_modules/left-pad/package.json",
                    "{\"name\":\"left-pad\",\"version\":\"1.3.0\"}"),
            new TestLayer()
                .compression(Compression.ZSTD)
                .file(
                    "var/lib/dpkg/status",
                    "Package: new\nStatus: install ok installed\n"
                        + "Version: 2\nArchitecture: amd64\n")
                .whiteout("app/lib/gone-1.0.jar"),
            new TestLayer().compression(Compression.NONE).opaque("srv/node_modules"));
    String ref = registry.push(image, "layers/mixed", "1");

    Sbom sbom = sbom(ref);

    assertThat(sbom.packages())
        .extracting(p -> p.name() + "@" + p.version())
        .containsExactly("new@2");
  }

  @Test
  void aMultiPlatformIndexGivesTheRequestedPlatform() throws Exception {
    TestImage amd =
        TestImage.of(
            new TestLayer().file("lib/apk/db/installed", "P:amd-only\nV:1-r0\nA:x86_64\n\n"));
    TestImage arm =
        TestImage.of(
            new TestLayer().file("lib/apk/db/installed", "P:arm-only\nV:1-r0\nA:aarch64\n\n"));
    registry.push(amd, "multi/app", "amd");
    registry.push(arm, "multi/app", "arm");
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
            + "\"manifests\":["
            + entry(arm, "arm64", "v8")
            + ","
            + entry(amd, "amd64", null)
            + "]}";
    String ref = registry.pushIndex("multi/app", "latest", index);

    assertThat(CliRun.of("sbom", ref, "--insecure-registry").out())
        .contains("amd-only")
        .doesNotContain("arm-only");
    assertThat(CliRun.of("sbom", ref, "--insecure-registry", "--platform", "linux/arm64").out())
        .contains("arm-only")
        .doesNotContain("amd-only");
    CliRun none = CliRun.of("sbom", ref, "--insecure-registry", "--platform", "linux/s390x");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).contains("no linux/s390x image").contains("linux/arm64/v8");
  }

  @Test
  void anImageByDigestIsVerifiedAgainstThatDigest() {
    TestImage image =
        TestImage.of(
            new TestLayer().file("lib/apk/db/installed", "P:pinned\nV:1-r0\nA:x86_64\n\n"));
    registry.push(image, "pinned/app", "1");
    String ref = registry.host() + "/pinned/app@" + image.manifestDigest();

    Sbom sbom = sbom(ref);

    assertThat(sbom.digest()).isEqualTo(image.manifestDigest());
    assertThat(sbom.packages()).extracting(p -> p.name()).containsExactly("pinned");
  }

  @Test
  void aMissingImageIsAClearError() {
    CliRun run = CliRun.of("sbom", registry.host() + "/nothing/here:1", "--insecure-registry");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("not found").contains("nothing/here");
  }

  private static String entry(TestImage image, String arch, String variant) {
    return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
        + image.manifestDigest()
        + "\",\"size\":"
        + image.manifest().length
        + ",\"platform\":{\"os\":\"linux\",\"architecture\":\""
        + arch
        + "\""
        + (variant == null ? "" : ",\"variant\":\"" + variant + "\"")
        + "}}";
  }
}
