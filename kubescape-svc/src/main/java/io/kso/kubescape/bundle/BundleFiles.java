package io.kso.kubescape.bundle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
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
    URL marker = BundleFiles.class.getClassLoader().getResource("bundle/" + ROOT_MARKER);
    if (marker == null) {
      throw new BundleException("no embedded bundle (bundle/bundle.yaml) on the classpath");
    }
    try {
      return switch (marker.getProtocol()) {
        case "file" -> directory(Path.of(marker.toURI()).getParent());
        case "jar" -> fromJarUrl(marker.toString());
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
   * {@code jar:file:/x.jar!/bundle/bundle.yaml} (a plain jar) or Boot's nested form {@code
   * jar:nested:/x.jar/!BOOT-INF/classes/!/bundle/bundle.yaml}.
   */
  private static Map<String, String> fromJarUrl(String url) {
    String s = URLDecoder.decode(url, StandardCharsets.UTF_8).substring("jar:".length());
    String jarPath;
    String prefix;
    if (s.startsWith("nested:")) {
      String rest = s.substring("nested:".length());
      int sep = rest.indexOf("/!");
      jarPath = rest.substring(0, sep);
      String inner = rest.substring(sep + 2);
      prefix = inner.replace("!/", "").replace(ROOT_MARKER, "");
    } else {
      int sep = s.indexOf("!/");
      jarPath = s.substring(s.indexOf(':') + 1, sep);
      prefix = s.substring(sep + 2).replace(ROOT_MARKER, "");
    }
    Map<String, String> out = new TreeMap<>();
    try (JarFile jar = new JarFile(jarPath)) {
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
    } catch (IOException e) {
      throw new BundleException("cannot read the embedded bundle from " + jarPath, e);
    }
    return out;
  }
}
