package io.kso.kubevuln.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.kso.kubevuln.sbom.PackageType;
import io.kso.kubevuln.sbom.SbomPackage;
import io.kso.kubevuln.testing.CatalogerFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Cataloger cases the oracle fixtures do not cover. */
class CatalogersTest {
  private static List<SbomPackage> run(Cataloger c, String path, String content)
      throws IOException {
    return run(c, path, content.getBytes(StandardCharsets.UTF_8));
  }

  private static List<SbomPackage> run(Cataloger c, String path, byte[] content)
      throws IOException {
    assertThat(c.accepts(path, content.length, 0755)).as(path).isTrue();
    return c.catalog(path, new ByteArrayInputStream(content));
  }

  private static List<String> nameVersions(List<SbomPackage> packages) {
    return packages.stream().map(p -> p.name() + "@" + p.version()).toList();
  }

  @Test
  void dpkgStatusDirectoryOfDistrolessImages() throws IOException {
    var dpkg = new DpkgCataloger();
    var found =
        run(
            dpkg,
            "/var/lib/dpkg/status.d/libssl3",
            "Package: libssl3\n"
                + "Version: 3.0.11-1~deb12u2\nArchitecture: amd64\nSource: openssl (3.0.11-1~deb12u2)\n");
    assertThat(found)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.sourceName()).isEqualTo("openssl");
              assertThat(p.sourceVersion()).isEqualTo("3.0.11-1~deb12u2");
            });
    assertThat(dpkg.accepts("/var/lib/dpkg/status.d/libssl3.md5sums", 10, 0644)).isFalse();
    assertThat(dpkg.accepts("/var/lib/dpkg/status-old", 10, 0644)).isFalse();
  }

  @Test
  void dpkgSourceWithItsOwnVersion() throws IOException {
    var found =
        run(
            new DpkgCataloger(),
            "/var/lib/dpkg/status",
            "Package: libc6\n"
                + "Status: hold ok installed\nVersion: 2.36-9+deb12u4\nSource: glibc (2.36-9+deb12u3)\n\n"
                + "Package: removed\nStatus: deinstall ok config-files\nVersion: 1\n");
    assertThat(found)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.version()).isEqualTo("2.36-9+deb12u4");
              assertThat(p.sourceVersion()).isEqualTo("2.36-9+deb12u3");
            });
  }

  @Test
  void pomPropertiesFixtureParsesEachFile() throws IOException {
    Path dir = CatalogerFixtures.ROOT.resolve("java/pom-properties-from-hadoop-shaded-guava");
    Assumptions.assumeTrue(Files.isDirectory(dir), "oracle data missing: " + dir);
    List<String> found;
    try (var files = Files.walk(dir)) {
      found =
          files
              .filter(f -> f.getFileName().toString().equals("pom.properties"))
              .sorted()
              .map(
                  f -> {
                    try {
                      return JavaArchiveCataloger.pom(Files.readAllBytes(f), f.toString())
                          .orElseThrow();
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .map(p -> p.name() + "@" + p.version())
              .toList();
    }
    assertThat(found)
        .containsExactlyInAnyOrder(
            "com.google.guava:failureaccess@1.0.1",
            "com.google.guava:guava@29.0-jre",
            "com.google.guava:listenablefuture@" + "9999.0-empty-to-avoid-conflict-with-guava",
            "com.google.j2objc:j2objc-annotations@1.3",
            "org.apache.hadoop.thirdparty:hadoop-shaded-guava@1.1.0-SNAPSHOT");
  }

  @Test
  void nestedJarsAreReadInPlaceWithTheirPathInsideTheArchive() throws IOException {
    byte[] inner =
        zip(
            Map.of(
                "META-INF/maven/org.slf4j/slf4j-api/pom.properties",
                "groupId=org.slf4j\nartifactId=slf4j-api\nversion=2.0.9\n"));
    byte[] middle =
        zip(
            Map.of(
                "BOOT-INF/lib/slf4j-api-2.0.9.jar",
                inner,
                "META-INF/MANIFEST.MF",
                "Manifest-Version: 1.0\nImplementation-Title: app\n"
                    + "Implementation-Version: 1.0\nImplementation-Vendor-Id: com.example\n"));
    byte[] outer =
        zip(
            Map.of(
                "WEB-INF/lib/app-1.0.jar",
                middle,
                "lib/commons-io-2.15.1.jar",
                zip(Map.of("x.class", "x"))));

    var found = run(new JavaArchiveCataloger(), "/srv/app.war", outer);

    assertThat(found)
        .extracting(p -> p.name() + "@" + p.version() + " " + p.locations().get(0))
        .containsExactlyInAnyOrder(
            "com.example:app@1.0 /srv/app.war/WEB-INF/lib/app-1.0.jar",
            "org.slf4j:slf4j-api@2.0.9 /srv/app.war/WEB-INF/lib/app-1.0.jar"
                + "/BOOT-INF/lib/slf4j-api-2.0.9.jar",
            "commons-io@2.15.1 /srv/app.war/lib/commons-io-2.15.1.jar");
  }

  @Test
  void zipBombInsideAJarIsRefused() throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bytes)) { // streamed entries: sizes follow the data
      zip.putNextEntry(new ZipEntry("bomb.bin"));
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 300; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    assertThat(bytes.size()).isLessThan(1024 * 1024);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> run(new JavaArchiveCataloger(), "/app/bomb-1.0.jar", bytes.toByteArray()))
        .hasMessageContaining("/app/bomb-1.0.jar/bomb.bin expands more than")
        .hasMessageContaining("decompression bomb");
  }

  @Test
  void npmInstalledPackagesAndLockfileVersionOne() throws IOException {
    var npm = new NpmCataloger();
    assertThat(
            nameVersions(
                run(
                    npm,
                    "/app/node_modules/@types/node/package.json",
                    "{\"name\":\"@types/node\",\"version\":\"20.1.0\"}")))
        .containsExactly("@types/node@20.1.0");
    assertThat(npm.accepts("/app/node_modules/x/lib/package.json", 10, 0644)).isFalse();
    assertThat(npm.accepts("/app/package.json", 10, 0644)).isFalse();
    var v1 =
        run(
            npm,
            "/app/package-lock.json",
            "{\"lockfileVersion\":1,\"dependencies\":{"
                + "\"express\":{\"version\":\"4.18.2\",\"dependencies\":{\"debug\":{\"version\":\"2.6.9\"}}},"
                + "\"mocha\":{\"version\":\"10.2.0\",\"dev\":true}}}");
    assertThat(nameVersions(v1))
        .containsExactlyInAnyOrder("express@4.18.2", "debug@2.6.9", "mocha@10.2.0");
    assertThat(v1)
        .filteredOn(p -> p.name().equals("mocha"))
        .singleElement()
        .satisfies(p -> assertThat(p.property("dev")).isEqualTo("true"));
  }

  @Test
  void npmLockfileVersionThreeSkipsLinksAndTheRoot() throws IOException {
    var found =
        run(
            new NpmCataloger(),
            "/app/package-lock.json",
            "{\"lockfileVersion\":3,"
                + "\"packages\":{\"\":{\"name\":\"root\",\"version\":\"1.0.0\",\"dependencies\":{\"a\":\"1\"}},"
                + "\"node_modules/a\":{\"version\":\"1.0.0\"},"
                + "\"node_modules/a/node_modules/b\":{\"version\":\"2.0.0\"},"
                + "\"node_modules/ws\":{\"resolved\":\"packages/ws\",\"link\":true}}}");
    assertThat(found)
        .extracting(p -> p.name() + "@" + p.version() + " " + p.property("relationship"))
        .containsExactly("a@1.0.0 direct", "b@2.0.0 indirect");
  }

  @Test
  void pythonEggInfoFileAndDirectory() throws IOException {
    var python = new PythonCataloger();
    assertThat(
            nameVersions(
                run(
                    python,
                    "/usr/lib/python3/dist-packages/six-1.16.0.egg-info",
                    "Metadata-Version: 1.2\nName: six\nVersion: 1.16.0\n\nName: not-this\n")))
        .containsExactly("six@1.16.0");
    assertThat(
            nameVersions(
                run(
                    python,
                    "/opt/venv/lib/requests.egg-info/PKG-INFO",
                    "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n")))
        .containsExactly("requests@2.31.0");
  }

  @Test
  void goBuildInfoGivesToolchainMainModuleAndReplacedDependencies() throws IOException {
    String modInfo =
        "0123456789abcdef"
            + "path\texample.com/app\n"
            + "mod\texample.com/app\tv1.2.3\th1:x=\n"
            + "dep\tgolang.org/x/sys\tv0.1.0\th1:y=\n"
            + "dep\tgithub.com/old/lib\tv1.0.0\th1:z=\n"
            + "=>\tgithub.com/new/lib\tv1.1.0\th1:w=\n"
            + "build\t-compiler=gc\n"
            + "fedcba9876543210";
    byte[] binary = fakeGoBinary("go1.21.5", modInfo);

    var found = run(new GoBinaryCataloger(), "/usr/local/bin/app", binary);

    assertThat(found).allSatisfy(p -> assertThat(p.type()).isEqualTo(PackageType.GOLANG));
    assertThat(nameVersions(found))
        .containsExactlyInAnyOrder(
            "stdlib@1.21.5",
            "example.com/app@v1.2.3",
            "golang.org/x/sys@v0.1.0",
            "github.com/new/lib@v1.1.0");
  }

  @Test
  void nonElfExecutablesAreNotGoBinaries() throws IOException {
    assertThat(run(new GoBinaryCataloger(), "/usr/bin/script", "#!/bin/sh\n" + "x".repeat(2000)))
        .isEmpty();
  }

  @Test
  void rpmSqliteDatabaseWithSourcePackagesAndEpochs() throws Exception {
    Path db = Files.createTempFile("rpmdb", ".sqlite");
    try {
      try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
          var s = c.createStatement()) {
        s.execute("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB)");
        try (var insert = c.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
          insert.setBytes(
              1,
              rpmHeader(
                  "openssl-libs", "3.0.7", "16.el9", 1, "x86_64", "openssl-3.0.7-16.el9.src.rpm"));
          insert.execute();
          insert.setBytes(
              1, rpmHeader("bash", "5.1.8", "6.el9", null, "x86_64", "bash-5.1.8-6.el9.src.rpm"));
          insert.execute();
          insert.setBytes(1, rpmHeader("gpg-pubkey", "fd431d51", "4ae0493b", null, null, null));
          insert.execute();
        }
      }
      byte[] content = Files.readAllBytes(db);

      var found = run(new RpmCataloger(), "/var/lib/rpm/rpmdb.sqlite", content);

      assertThat(found)
          .extracting(p -> p.name() + "@" + p.version() + " " + p.sourceName())
          .containsExactly("openssl-libs@1:3.0.7-16.el9 openssl", "bash@5.1.8-6.el9 bash");
      var purl =
          io.kso.kubevuln.sbom.Purls.of(
              found.get(0), new io.kso.kubevuln.sbom.Distro("rhel", "9.3", null, null));
      assertThat(purl)
          .isEqualTo(
              "pkg:rpm/rhel/openssl-libs@3.0.7-16.el9?arch=x86_64&distro=rhel-9.3"
                  + "&epoch=1&upstream=openssl-3.0.7-16.el9.src.rpm");
    } finally {
      Files.deleteIfExists(db);
    }
  }

  /** An RPM header blob as rpmdb stores it: index entries, then the data store. */
  private static byte[] rpmHeader(
      String name, String version, String release, Integer epoch, String arch, String sourceRpm) {
    var data = new ByteArrayOutputStream();
    var index = new java.util.ArrayList<int[]>();
    java.util.function.BiConsumer<Integer, String> string =
        (tag, value) -> {
          if (value != null) {
            index.add(new int[] {tag, 6, data.size(), 1});
            data.writeBytes((value + "\0").getBytes(StandardCharsets.UTF_8));
          }
        };
    string.accept(RpmHeader.NAME, name);
    string.accept(RpmHeader.VERSION, version);
    string.accept(RpmHeader.RELEASE, release);
    string.accept(RpmHeader.ARCH, arch);
    string.accept(RpmHeader.SOURCERPM, sourceRpm);
    if (epoch != null) {
      while (data.size() % 4 != 0) {
        data.write(0);
      }
      index.add(new int[] {RpmHeader.EPOCH, 4, data.size(), 1});
      data.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(epoch).array());
    }
    var blob = java.nio.ByteBuffer.allocate(8 + index.size() * 16 + data.size());
    blob.putInt(index.size()).putInt(data.size());
    index.forEach(e -> blob.putInt(e[0]).putInt(e[1]).putInt(e[2]).putInt(e[3]));
    blob.put(data.toByteArray());
    return blob.array();
  }

  /** An ELF-looking file with Go 1.18+ inline build info at a 16-byte aligned offset. */
  private static byte[] fakeGoBinary(String goVersion, String modInfo) {
    var out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x7f, 'E', 'L', 'F'});
    out.writeBytes(new byte[70_000 - 4]); // past the first read chunk
    while (out.size() % 16 != 0) {
      out.write(0);
    }
    out.writeBytes("\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1));
    out.write(8); // pointer size
    out.write(2); // flags: inline strings
    out.writeBytes(new byte[16]);
    for (String s : List.of(goVersion, modInfo)) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      int n = b.length;
      while (n >= 0x80) {
        out.write((n & 0x7f) | 0x80);
        n >>>= 7;
      }
      out.write(n);
      out.writeBytes(b);
    }
    out.writeBytes(new byte[512]);
    return out.toByteArray();
  }

  private static byte[] zip(Map<String, Object> entries) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bytes)) {
      for (var e : new java.util.TreeMap<>(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(
            e.getValue() instanceof byte[] b
                ? b
                : ((String) e.getValue()).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
