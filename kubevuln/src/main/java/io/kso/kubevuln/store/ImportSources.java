package io.kso.kubevuln.store;

import io.kso.kubevuln.osv.OsvFormatException;
import io.kso.kubevuln.osv.OsvJson;
import io.kso.kubevuln.osv.OsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Where OSV records come from: a JSON file (one record or an array), a folder of them (walked), an
 * osv.dev per-ecosystem zip archive, or an http(s) URL to one of those (downloaded first, for an
 * air-gapped mirror).
 */
final class ImportSources {
  private ImportSources() {}

  /** Reads every record of {@code source}, handing each to {@code sink}; returns how many. */
  static long read(String source, Path scratchDir, Consumer<OsvRecord> sink) {
    String lower = source.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      Path downloaded = download(source, scratchDir);
      try {
        return readPath(downloaded, source, sink);
      } finally {
        deleteQuietly(downloaded);
      }
    }
    Path path = Path.of(source);
    if (!Files.exists(path)) {
      throw new StoreException(
          StoreException.Reason.BAD_SOURCE, source + ": no such file or folder");
    }
    return readPath(path, source, sink);
  }

  private static long readPath(Path path, String name, Consumer<OsvRecord> sink) {
    try {
      if (Files.isDirectory(path)) {
        long n = 0;
        for (Path p : filesIn(path)) {
          n += readPath(p, p.toString(), sink);
        }
        return n;
      }
      if (isZip(path)) {
        return readZip(path, name, sink);
      }
      try (InputStream in = Files.newInputStream(path)) {
        return OsvJson.read(in, name, sink);
      }
    } catch (IOException e) {
      throw new StoreException(StoreException.Reason.BAD_SOURCE, name + ": " + e.getMessage(), e);
    } catch (OsvFormatException e) {
      throw new StoreException(StoreException.Reason.BAD_SOURCE, e.getMessage(), e);
    }
  }

  private static List<Path> filesIn(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> files =
          new ArrayList<>(
              walk.filter(Files::isRegularFile)
                  .filter(
                      p -> {
                        String f = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return f.endsWith(".json") || f.endsWith(".zip");
                      })
                  .toList());
      Collections.sort(files);
      return files;
    }
  }

  private static boolean isZip(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] magic = in.readNBytes(2);
      return magic.length == 2 && magic[0] == 'P' && magic[1] == 'K';
    }
  }

  private static long readZip(Path path, String name, Consumer<OsvRecord> sink) throws IOException {
    long n = 0;
    try (ZipFile zip = new ZipFile(path.toFile())) {
      var entries = Collections.list(zip.entries());
      for (ZipEntry e : entries) {
        if (e.isDirectory() || !e.getName().toLowerCase(Locale.ROOT).endsWith(".json")) {
          continue;
        }
        try (InputStream in = zip.getInputStream(e)) {
          n += OsvJson.read(in, name + "!/" + e.getName(), sink);
        }
      }
    } catch (ZipException e) {
      throw new StoreException(
          StoreException.Reason.BAD_SOURCE,
          name + ": not a readable zip archive: " + e.getMessage(),
          e);
    }
    return n;
  }

  private static Path download(String url, Path scratchDir) {
    try {
      Path target = Files.createTempFile(scratchDir, ".download-", ".tmp");
      HttpClient client =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(30))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      HttpResponse<Path> response =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).build(),
              HttpResponse.BodyHandlers.ofFile(target));
      if (response.statusCode() != 200) {
        deleteQuietly(target);
        throw new StoreException(
            StoreException.Reason.BAD_SOURCE, url + ": HTTP " + response.statusCode());
      }
      return target;
    } catch (IOException e) {
      throw new StoreException(StoreException.Reason.BAD_SOURCE, url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(StoreException.Reason.BAD_SOURCE, url + ": interrupted", e);
    }
  }

  /**
   * Removes a scratch file; one left behind (dot-named) is harmless and is not worth failing for.
   */
  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      p.toFile().deleteOnExit();
    }
  }
}
