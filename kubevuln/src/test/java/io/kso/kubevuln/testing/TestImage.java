package io.kso.kubevuln.testing;

import io.kso.kubevuln.image.Blobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OCI image built in memory from {@link TestLayer}s, written as an OCI layout or a
 * docker-archive, or pushed to a registry ({@link TestRegistry}). Blobs and manifest can be
 * overridden to build broken images.
 */
public final class TestImage {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A blob and its descriptor. */
  public record Blob(String mediaType, String digest, byte[] content, long declaredSize) {
    public Map<String, Object> descriptor() {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("mediaType", mediaType);
      d.put("digest", digest);
      d.put("size", declaredSize);
      return d;
    }
  }

  private final List<TestLayer> layers = new ArrayList<>();
  private final List<Blob> layerBlobs = new ArrayList<>();
  private final Blob config;
  private final byte[] manifest;

  private TestImage(List<TestLayer> layers, List<Blob> layerBlobs, Blob config, byte[] manifest) {
    this.layers.addAll(layers);
    this.layerBlobs.addAll(layerBlobs);
    this.config = config;
    this.manifest = manifest;
  }

  public static TestImage of(TestLayer... layers) {
    List<Blob> blobs = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    for (TestLayer l : layers) {
      byte[] content = l.blob();
      blobs.add(new Blob(l.mediaType(), Blobs.sha256(content), content, content.length));
      diffIds.add(Blobs.sha256(l.tar()));
    }
    return withBlobs(List.of(layers), blobs, diffIds);
  }

  /** The same image with {@code layer}'s blob replaced (content, digest and size as given). */
  public TestImage withLayerBlob(int index, Blob blob) {
    List<Blob> blobs = new ArrayList<>(layerBlobs);
    blobs.set(index, blob);
    return withBlobs(layers, blobs, List.of());
  }

  private static TestImage withBlobs(
      List<TestLayer> layers, List<Blob> blobs, List<String> diffIds) {
    Map<String, Object> configJson = new LinkedHashMap<>();
    configJson.put("architecture", "amd64");
    configJson.put("os", "linux");
    configJson.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
    byte[] configBytes = JSON.writeValueAsBytes(configJson);
    Blob config =
        new Blob(
            "application/vnd.oci.image.config.v1+json",
            Blobs.sha256(configBytes),
            configBytes,
            configBytes.length);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest.put("config", config.descriptor());
    manifest.put("layers", blobs.stream().map(Blob::descriptor).toList());
    return new TestImage(layers, blobs, config, JSON.writeValueAsBytes(manifest));
  }

  public TestImage withManifest(byte[] raw) {
    return new TestImage(layers, layerBlobs, config, raw);
  }

  public byte[] manifest() {
    return manifest;
  }

  public String manifestDigest() {
    return Blobs.sha256(manifest);
  }

  public Blob config() {
    return config;
  }

  public List<Blob> layerBlobs() {
    return List.copyOf(layerBlobs);
  }

  /** Writes an OCI image layout directory. */
  public Path writeOciLayout(Path dir) {
    try {
      Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      for (Blob b : allBlobs()) {
        Files.write(blobs.resolve(b.digest().substring(7)), b.content());
      }
      Files.write(blobs.resolve(manifestDigest().substring(7)), manifest);
      Map<String, Object> index =
          Map.of(
              "schemaVersion",
              2,
              "manifests",
              List.of(
                  Map.of(
                      "mediaType",
                      "application/vnd.oci.image.manifest.v1+json",
                      "digest",
                      manifestDigest(),
                      "size",
                      manifest.length)));
      Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a docker-archive ({@code docker save}) with uncompressed layers named by id. */
  public Path writeDockerArchive(Path file) {
    try (var tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
      List<String> layerPaths = new ArrayList<>();
      for (int i = 0; i < layers.size(); i++) {
        String path = "layer" + i + "/layer.tar";
        add(tar, path, layers.get(i).tar());
        layerPaths.add(path);
      }
      String configPath = config.digest().substring(7) + ".json";
      add(tar, configPath, config.content());
      add(
          tar,
          "manifest.json",
          JSON.writeValueAsBytes(
              List.of(
                  Map.of(
                      "Config",
                      configPath,
                      "RepoTags",
                      List.of("test:latest"),
                      "Layers",
                      layerPaths))));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void add(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  public List<Blob> allBlobs() {
    List<Blob> all = new ArrayList<>(layerBlobs);
    all.add(config);
    return all;
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
