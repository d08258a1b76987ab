package io.kso.kubevuln.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small OSV records and files for store and CLI tests. */
public final class OsvFiles {
  private OsvFiles() {}

  /**
   * A record affecting {@code name} in {@code ecosystem} from {@code introduced} until {@code
   * fixed}.
   */
  public static String record(
      String id, String ecosystem, String name, String introduced, String fixed, String modified) {
    return """
        {"id":"%s","modified":"%s","aliases":["CVE-%s"],"summary":"test %s",
         "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
         "affected":[{"package":{"ecosystem":"%s","name":"%s"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"%s"},{"fixed":"%s"}]}]}]}
        """
        .formatted(id, modified, id, id, ecosystem, name, introduced, fixed);
  }

  public static String record(String id, String name, String fixed) {
    return record(id, "npm", name, "0", fixed, "2026-11-01T00:00:00Z");
  }

  public static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path zip(Path file, Map<String, String> entries) {
    try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
