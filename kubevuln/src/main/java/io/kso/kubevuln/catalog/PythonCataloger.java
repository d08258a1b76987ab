package io.kso.kubevuln.catalog;

import io.kso.kubevuln.sbom.PackageType;
import io.kso.kubevuln.sbom.SbomPackage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python: installed distributions ({@code *.dist-info/METADATA}, {@code *.egg-info/PKG-INFO},
 * {@code EGG-INFO/PKG-INFO}, single-file {@code *.egg-info}) and pinned ({@code ==}) lines of
 * {@code requirements.txt}.
 */
public final class PythonCataloger implements Cataloger {
  private static final int MAX_TEXT = 16 * 1024 * 1024;
  private static final Pattern PIN =
      Pattern.compile(
          "([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(?:\\[[^\\]]*\\])?\\s*==\\s*([^\\s;#,\\\\]+).*");

  @Override
  public boolean accepts(String path, long size, int mode) {
    return path.endsWith(".dist-info/METADATA")
        || path.endsWith(".egg-info/PKG-INFO")
        || path.endsWith("/EGG-INFO/PKG-INFO")
        || path.endsWith(".egg-info")
        || path.endsWith("/requirements.txt");
  }

  @Override
  public List<SbomPackage> catalog(String path, InputStream content) throws IOException {
    byte[] body = content.readNBytes(MAX_TEXT);
    if (path.endsWith("/requirements.txt")) {
      return requirements(decode(body), path);
    }
    String name = null;
    String version = null;
    var reader = new BufferedReader(new StringReader(new String(body, StandardCharsets.UTF_8)));
    String line;
    while ((line = reader.readLine()) != null && !line.isEmpty()) {
      if (line.startsWith("Name:") && name == null) {
        name = line.substring(5).trim();
      } else if (line.startsWith("Version:") && version == null) {
        version = line.substring(8).trim();
      }
    }
    if (name == null || version == null || name.isEmpty() || version.isEmpty()) {
      return List.of();
    }
    return List.of(SbomPackage.of(name, version, PackageType.PYPI, path));
  }

  private static List<SbomPackage> requirements(String text, String path) throws IOException {
    List<SbomPackage> found = new ArrayList<>();
    var reader = new BufferedReader(new StringReader(text));
    String line;
    while ((line = reader.readLine()) != null) {
      String trimmed = line.strip();
      int hash = trimmed.indexOf('#');
      if (hash >= 0) {
        trimmed = trimmed.substring(0, hash).strip();
      }
      Matcher m = PIN.matcher(trimmed);
      if (m.matches()) {
        found.add(SbomPackage.of(m.group(1), m.group(2), PackageType.PYPI, path));
      }
    }
    return found;
  }

  /** requirements.txt may be UTF-16 (with a BOM, as Windows editors write it) or UTF-8. */
  private static String decode(byte[] body) {
    Charset charset = StandardCharsets.UTF_8;
    int skip = 0;
    if (body.length >= 2 && (body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xfe) {
      charset = StandardCharsets.UTF_16LE;
      skip = 2;
    } else if (body.length >= 2 && (body[0] & 0xff) == 0xfe && (body[1] & 0xff) == 0xff) {
      charset = StandardCharsets.UTF_16BE;
      skip = 2;
    } else if (body.length >= 3 && (body[0] & 0xff) == 0xef) {
      skip = 3;
    }
    return new String(body, skip, body.length - skip, charset);
  }
}
