package io.kso.kubescape.bundle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The text files of a bundle, by path relative to the bundle root ({@code rules/x.yaml}). */
public final class BundleFiles {
  static final String ROOT_MARKER = "bundle.yaml";

  private BundleFiles() {}

  /** The bundle embedded in the jar under {@code bundle/}. */
  public static Map<String, String> embedded() {
    return embedded(BundleFiles.class.getClassLoader());
  }

  static Map<String, String> embedded(ClassLoader loader) {
    URL marker = loader.getResource("bundle/" + ROOT_MARKER);
    if (marker == null) {
      throw new BundleException("no embedded bundle (bundle/bundle.yaml) on the classpath");
    }
    try {
      return switch (marker.getProtocol()) {
        case "file" -> directory(Path.of(marker.toURI()).getParent());
        case "jar" -> fromJar(marker);
        default -> throw new BundleException("unsupported classpath location " + marker);
      };
    } catch (URISyntaxException e) {
      throw new BundleException("bad bundle location " + marker, e);
    }
  }

  /** A bundle directory, or a zip archive holding one. */
  public static Map<String, String> path(Path p) {
    if (Files.isDirectory(p)) {
      return directory(p);
    }
    try {
      return zip(Files.readAllBytes(p));
    } catch (IOException e) {
      throw new BundleException("cannot read bundle " + p + ": " + e.getMessage(), e);
    }
  }

  static Map<String, String> directory(Path dir) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        out.put(dir.relativize(f).toString().replace('\\', '/'), Files.readString(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A zip archive; a single top-level folder holding bundle.yaml is stripped. */
  public static Map<String, String> zip(byte[] bytes) {
    Map<String, String> raw = new TreeMap<>();
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        if (!e.isDirectory()) {
          raw.put(e.getName(), new String(z.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new BundleException("not a zip archive: " + e.getMessage(), e);
    }
    String prefix =
        raw.keySet().stream()
            .filter(k -> k.endsWith(ROOT_MARKER))
            .map(k -> k.substring(0, k.length() - ROOT_MARKER.length()))
            .min((a, b) -> a.length() - b.length())
            .orElseThrow(() -> new BundleException("archive holds no " + ROOT_MARKER));
    Map<String, String> out = new TreeMap<>();
    raw.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            out.put(k.substring(prefix.length()), v);
          }
        });
    return out;
  }

  /**
   * The bundle's entries from the jar holding the marker: a plain jar ({@code
   * jar:file:/x.jar!/bundle/bundle.yaml}, the image's /app/libs) or one nested in Boot's jar
   * ({@code jar:nested:/app.jar/!BOOT-INF/lib/kubescape-engine.jar!/bundle/bundle.yaml}). The jar's
   * own URL handler opens either, so the URL is not taken apart here.
   */
  private static Map<String, String> fromJar(URL marker) {
    try {
      JarURLConnection connection = (JarURLConnection) marker.openConnection();
      connection.setUseCaches(false);
      String prefix =
          connection
              .getEntryName()
              .substring(0, connection.getEntryName().length() - ROOT_MARKER.length());
      Map<String, String> out = new TreeMap<>();
      try (JarFile jar = connection.getJarFile()) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          JarEntry e = entries.nextElement();
          if (!e.isDirectory() && e.getName().startsWith(prefix)) {
            try (InputStream in = jar.getInputStream(e)) {
              out.put(
                  e.getName().substring(prefix.length()),
                  new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
          }
        }
      }
      return out;
    } catch (IOException | ClassCastException e) {
      throw new BundleException("cannot read the embedded bundle from " + marker, e);
    }
  }
}
