package io.kso.kubevuln.catalog;

import io.kso.kubevuln.sbom.PackageType;
import io.kso.kubevuln.sbom.SbomPackage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * npm: installed packages ({@code node_modules/<name>/package.json}) and lock files ({@code
 * package-lock.json}, lockfileVersion 1 to 3). The root project itself is not a package.
 */
public final class NpmCataloger implements Cataloger {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_JSON = 64 * 1024 * 1024;
  private static final String NODE_MODULES = "node_modules/";

  @Override
  public boolean accepts(String path, long size, int mode) {
    if (path.endsWith("/package-lock.json")) {
      return true;
    }
    if (!path.endsWith("/package.json")) {
      return false;
    }
    String dir = path.substring(0, path.length() - "/package.json".length());
    int nm = dir.lastIndexOf("/node_modules/");
    if (nm < 0) {
      return false;
    }
    String name = dir.substring(nm + "/node_modules/".length());
    return name.startsWith("@")
        ? name.indexOf('/') == name.lastIndexOf('/') && name.indexOf('/') > 0
        : name.indexOf('/') < 0;
  }

  @Override
  public List<SbomPackage> catalog(String path, InputStream content) throws IOException {
    Map<?, ?> json = read(content);
    if (json == null) {
      return List.of();
    }
    if (path.endsWith("/package.json")) {
      return json.get("name") instanceof String n && json.get("version") instanceof String v
          ? List.of(SbomPackage.of(n, v, PackageType.NPM, path))
          : List.of();
    }
    if (json.get("packages") instanceof Map<?, ?> packages) {
      return fromPackages(packages, path);
    }
    List<SbomPackage> found = new ArrayList<>();
    if (json.get("dependencies") instanceof Map<?, ?> deps) {
      fromDependencies(deps, path, found);
    }
    return found;
  }

  private static Map<?, ?> read(InputStream content) throws IOException {
    byte[] body = content.readNBytes(MAX_JSON);
    try {
      return JSON.readValue(body, Object.class) instanceof Map<?, ?> m ? m : null;
    } catch (JacksonException e) {
      return null; // a broken file in an image is not the image's end
    }
  }

  /** lockfileVersion 2 and 3: {@code "node_modules/a/node_modules/b": {...}}. */
  private static List<SbomPackage> fromPackages(Map<?, ?> packages, String path) {
    Set<String> direct = new HashSet<>();
    if (packages.get("") instanceof Map<?, ?> root) {
      for (String field :
          List.of("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")) {
        if (root.get(field) instanceof Map<?, ?> m) {
          m.keySet().forEach(k -> direct.add(String.valueOf(k)));
        }
      }
    }
    List<SbomPackage> found = new ArrayList<>();
    for (var e : packages.entrySet()) {
      String key = String.valueOf(e.getKey());
      int nm = key.lastIndexOf(NODE_MODULES);
      if (nm < 0
          || !(e.getValue() instanceof Map<?, ?> entry)
          || Boolean.TRUE.equals(entry.get("link"))
          || !(entry.get("version") instanceof String version)) {
        continue;
      }
      String name =
          entry.get("name") instanceof String n ? n : key.substring(nm + NODE_MODULES.length());
      boolean isDirect = key.equals(NODE_MODULES + name) && direct.contains(name);
      found.add(
          SbomPackage.of(name, version, PackageType.NPM, path)
              .withProperty("dev", Boolean.TRUE.equals(entry.get("dev")) ? "true" : null)
              .withProperty("relationship", isDirect ? "direct" : "indirect"));
    }
    return found;
  }

  /** lockfileVersion 1: nested {@code dependencies} objects. */
  private static void fromDependencies(Map<?, ?> deps, String path, List<SbomPackage> found) {
    for (var e : deps.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> entry)
          || !(entry.get("version") instanceof String version)
          || version.startsWith("file:")
          || version.startsWith("link:")) {
        continue;
      }
      String name = String.valueOf(e.getKey());
      found.add(
          SbomPackage.of(name, version, PackageType.NPM, path)
              .withProperty("dev", Boolean.TRUE.equals(entry.get("dev")) ? "true" : null));
      if (entry.get("dependencies") instanceof Map<?, ?> nested) {
        fromDependencies(nested, path, found);
      }
    }
  }
}
