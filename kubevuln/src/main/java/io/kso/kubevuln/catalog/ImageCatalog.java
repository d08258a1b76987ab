package io.kso.kubevuln.catalog;

import io.kso.kubevuln.image.Descriptor;
import io.kso.kubevuln.image.ImageException;
import io.kso.kubevuln.image.ImageException.Reason;
import io.kso.kubevuln.image.ImageLimits;
import io.kso.kubevuln.image.LayerVisitor;
import io.kso.kubevuln.sbom.Distro;
import io.kso.kubevuln.sbom.SbomPackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The squashed view of an image's layers, as far as the catalogers care: what each accepted file
 * yielded, kept by path, with later layers replacing files and whiteouts removing them. Only
 * results are kept, never file content (except os-release, a few hundred bytes).
 */
public final class ImageCatalog implements LayerVisitor {
  private static final List<String> OS_RELEASE = List.of("/etc/os-release", "/usr/lib/os-release");
  private static final int MAX_SYMLINK_HOPS = 16;
  private static final int MAX_OS_RELEASE = 64 * 1024;

  private record Found(int layer, List<SbomPackage> packages, String text) {}

  private final List<Cataloger> catalogers;
  private final ImageLimits limits;
  private final NavigableMap<String, Found> found = new TreeMap<>();
  private final NavigableMap<String, String> symlinks = new TreeMap<>();
  private int layer;

  public ImageCatalog(List<Cataloger> catalogers, ImageLimits limits) {
    this.catalogers = List.copyOf(catalogers);
    this.limits = limits;
  }

  @Override
  public void startLayer(int index, Descriptor descriptor) {
    layer = index;
  }

  @Override
  public void file(String path, long size, int mode, InputStream content) throws IOException {
    replace(path);
    if (OS_RELEASE.contains(path) && size <= MAX_OS_RELEASE) {
      String text = new String(content.readNBytes(MAX_OS_RELEASE), StandardCharsets.UTF_8);
      found.put(path, new Found(layer, List.of(), text));
      return;
    }
    for (Cataloger c : catalogers) {
      if (c.accepts(path, size, mode)) {
        if (size > limits.maxFileSize()) {
          throw new ImageException(
              Reason.TOO_LARGE,
              path
                  + " has "
                  + size
                  + " bytes, more than the "
                  + limits.maxFileSize()
                  + " a cataloger may read");
        }
        List<SbomPackage> packages = c.catalog(path, content);
        if (!packages.isEmpty()) { // a replaced lower entry is already gone: keep only findings
          found.put(path, new Found(layer, List.copyOf(packages), null));
        }
        return;
      }
    }
  }

  @Override
  public void symlink(String path, String target) {
    replace(path);
    symlinks.put(path, target);
  }

  @Override
  public void hardlink(String path, String target) {
    replace(path);
    Found original = found.get(target);
    if (original != null) {
      List<SbomPackage> relocated =
          original.packages().stream()
              .map(
                  p ->
                      p.withLocations(
                          p.locations().stream()
                              .map(
                                  l ->
                                      l.startsWith(target)
                                          ? path + l.substring(target.length())
                                          : l)
                              .toList()))
              .toList();
      found.put(path, new Found(layer, relocated, original.text()));
    }
  }

  @Override
  public void remove(String path) {
    removeBelow(path, true);
  }

  @Override
  public void clearDirectory(String directory) {
    removeBelow(directory, false);
  }

  /** A new entry at {@code path} hides whatever lower layers had there, and under it. */
  private void replace(String path) {
    found.remove(path);
    symlinks.remove(path);
    removeBelow(path, false);
  }

  private void removeBelow(String path, boolean includingPath) {
    if (includingPath) {
      removeIfLower(found, path);
      removeIfLower(symlinks, path);
    }
    String prefix = path.equals("/") ? "/" : path + "/";
    // '0' sorts right after '/': the range holds exactly the paths under prefix
    String end = prefix.substring(0, prefix.length() - 1) + "0";
    found.subMap(prefix, true, end, false).entrySet().removeIf(e -> e.getValue().layer() < layer);
    symlinks.subMap(prefix, true, end, false).clear();
  }

  private void removeIfLower(Map<String, ?> map, String path) {
    Object value = map.get(path);
    if (value instanceof Found f ? f.layer() < layer : value != null) {
      map.remove(path);
    }
  }

  /** The operating system, following {@code /etc/os-release} if it is a symlink. */
  public Distro distro() {
    for (String candidate : OS_RELEASE) {
      String path = candidate;
      for (int hop = 0; hop < MAX_SYMLINK_HOPS && symlinks.containsKey(path); hop++) {
        path = symlinks.get(path);
      }
      Found f = found.get(path);
      if (f != null && f.text() != null) {
        return Distro.parseOsRelease(f.text());
      }
    }
    return null;
  }

  /** Every package still present in the squashed image, in path order. */
  public List<SbomPackage> packages() {
    List<SbomPackage> all = new ArrayList<>();
    found.values().forEach(f -> all.addAll(f.packages()));
    return all;
  }
}
