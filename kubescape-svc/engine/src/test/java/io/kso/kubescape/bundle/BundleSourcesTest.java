package io.kso.kubescape.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom bundles layered over the embedded one, from a zip and from a URL with a checksum. */
class BundleSourcesTest {
  static byte[] customBundleZip() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      put(zip, "custom/bundle.yaml", "version: custom-1\n");
      put(
          zip,
          "custom/rules/team-label.yaml",
          """
          name: team-label
          kinds: [Deployment]
          failures: |
            'team' in object.metadata.?labels.orValue({}) ? [] :
            [{'message': 'no team label', 'fixPaths': [{'path': 'metadata.labels.team', 'value': 'YOUR_TEAM'}]}]
          """);
      put(
          zip,
          "custom/controls/X-0001.yaml",
          "id: X-0001\nname: Team label\nbaseScore: 3\nrules: [team-label]\n");
      put(zip, "custom/frameworks/Acme.yaml", "name: Acme\ncontrols: [X-0001, C-0057]\n");
    }
    return bytes.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, String text) throws Exception {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  @Test
  void aCustomZipAddsRulesControlsAndFrameworks() throws Exception {
    Bundle b =
        BundleLoader.load(List.of(BundleFiles.embedded(), BundleFiles.zip(customBundleZip())));

    assertThat(b.version()).isEqualTo("custom-1");
    assertThat(b.rules()).containsKeys("team-label", "rule-privilege-escalation");
    assertThat(b.framework("acme").controls()).containsExactly("X-0001", "C-0057");
  }

  /** How the image runs the engine: its jar in /app/libs, the bundle read out of it. */
  @Test
  void theEmbeddedBundleIsReadFromAJarOnTheClassPath(@TempDir Path tmp) throws Exception {
    Path jar = tmp.resolve("engine.jar");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      put(zip, "bundle/bundle.yaml", "version: in-a-jar\n");
      put(zip, "bundle/rules/r.yaml", "name: r\nfailures: 'false'\n");
      put(zip, "other/bundle.yaml", "version: not-this-one\n");
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThat(BundleFiles.embedded(loader))
          .containsOnlyKeys("bundle.yaml", "rules/r.yaml")
          .containsEntry("bundle.yaml", "version: in-a-jar\n");
    }
  }

  @Test
  void aDownloadedBundleIsReadOnlyWhenItsChecksumMatches() throws Exception {
    byte[] zip = customBundleZip();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/bundle.zip",
        ex -> {
          ex.sendResponseHeaders(200, zip.length);
          ex.getResponseBody().write(zip);
          ex.close();
        });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/bundle.zip");
      String checksum = BundleDownloader.sha256(zip);
      Map<String, String> files = BundleDownloader.download(url, checksum);
      assertThat(files).containsKey("rules/team-label.yaml");
      // the zip's entry times make its checksum differ per run: change its first digit for sure
      String wrong = (checksum.charAt(0) == '0' ? "1" : "0") + checksum.substring(1);
      assertThatThrownBy(() -> BundleDownloader.download(url, wrong))
          .isInstanceOf(BundleException.class)
          .hasMessageContaining("checksum mismatch");
    } finally {
      server.stop(0);
    }
  }
}
