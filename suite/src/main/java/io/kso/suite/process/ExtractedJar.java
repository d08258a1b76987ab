package io.kso.suite.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Unpacks a Spring Boot jar into Boot's production layout (an application jar beside {@code lib/}),
 * which starts faster than the nested jar and is what the images run (Jib's exploded layout). The
 * result is reused while the jar is unchanged.
 */
final class ExtractedJar {
  private ExtractedJar() {}

  static Path of(Path jar, Path cacheDir) {
    try {
      String stamp = Files.getLastModifiedTime(jar).toMillis() + "-" + Files.size(jar);
      Path dir = cacheDir.resolve(jar.getFileName().toString().replace(".jar", "") + "-" + stamp);
      Path extracted = dir.resolve(jar.getFileName());
      if (!Files.isRegularFile(extracted)) {
        extract(jar, dir);
      }
      return extracted;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + jar, e);
    }
  }

  private static void extract(Path jar, Path dir) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Djarmode=tools",
                    "-jar",
                    jar.toString(),
                    "extract",
                    "--force",
                    "--destination",
                    dir.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("extracting " + jar + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while extracting " + jar, e);
    }
  }
}
