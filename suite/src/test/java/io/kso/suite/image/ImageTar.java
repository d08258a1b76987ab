package io.kso.suite.image;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** An image in {@code docker save} format (what Jib's buildTar writes), read without Docker. */
final class ImageTar implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TarFile tar;
  private final JsonNode manifest;

  private ImageTar(TarFile tar) {
    this.tar = tar;
    this.manifest = json("manifest.json").get(0);
  }

  /** Opens {@code <project>/<module>/target/jib-image.tar}; fails when the image was not built. */
  static ImageTar of(String module) {
    Path path = path(module);
    if (!Files.isRegularFile(path)) {
      throw new AssertionError(
          "no image for "
              + module
              + " at "
              + path
              + ": build the images first (./mvnw package, without -Djib.skip)");
    }
    try {
      return new ImageTar(new TarFile(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  static Path path(String module) {
    return projectDir().resolve(module).resolve("target/jib-image.tar");
  }

  static Path projectDir() {
    return Path.of(System.getProperty("kso.project.dir", "..")).toAbsolutePath().normalize();
  }

  /** The container configuration: User, Entrypoint, ExposedPorts, Env, WorkingDir. */
  JsonNode config() {
    return json(manifest.get("Config").asString()).path("config");
  }

  List<String> layers() {
    List<String> layers = new ArrayList<>();
    manifest.get("Layers").values().forEach(layer -> layers.add(layer.asString()));
    return layers;
  }

  /** An uncompressed tar stream of the layer, whether it is stored gzipped (Jib) or plain. */
  InputStream openLayer(String layer) throws IOException {
    InputStream in = new BufferedInputStream(tar.getInputStream(entry(layer)));
    in.mark(2);
    boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    return gzip ? GzipCompressorInputStream.builder().setInputStream(in).get() : in;
  }

  /** Calls {@code action} with the path of every entry of every layer, without leading "./". */
  void forEachLayerPath(Consumer<String> action) throws IOException {
    forEachLayerEntry((path, content) -> action.accept(path));
  }

  /** The text of the file at {@code path} in the topmost layer holding it. */
  Optional<String> fileText(String path) throws IOException {
    return fileBytes(path).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }

  /** The content of the file at {@code path} in the topmost layer holding it. */
  Optional<byte[]> fileBytes(String path) throws IOException {
    byte[][] found = {null};
    forEachLayerEntry(
        (entryPath, content) -> {
          if (entryPath.equals(path)) {
            found[0] = content.readAllBytes();
          }
        });
    return Optional.ofNullable(found[0]);
  }

  /** Sees one layer entry: its path, and its content, readable until the next entry. */
  private interface EntryVisitor {
    void visit(String path, InputStream content) throws IOException;
  }

  /** Visits every entry of every layer, bottom layer first, by its path without leading "./". */
  private void forEachLayerEntry(EntryVisitor visitor) throws IOException {
    for (String layer : layers()) {
      try (TarArchiveInputStream entries = new TarArchiveInputStream(openLayer(layer))) {
        for (TarArchiveEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
          visitor.visit(e.getName().replaceFirst("^\\./", "").replaceFirst("^/", ""), entries);
        }
      }
    }
  }

  private JsonNode json(String name) {
    try (InputStream in = tar.getInputStream(entry(name))) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private TarArchiveEntry entry(String name) {
    return tar.getEntries().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("image tar has no entry " + name));
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
