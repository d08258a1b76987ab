package io.kso.kubevuln.catalog;

import io.kso.kubevuln.sbom.PackageType;
import io.kso.kubevuln.sbom.SbomPackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go executables: the build information the Go toolchain (1.18 and later) embeds, found by
 * streaming the ELF file for the {@code \xff Go buildinf:} header on a 16-byte boundary. Reports
 * the toolchain as {@code stdlib}, the main module (unless {@code (devel)}) and every dependency,
 * with replacements applied.
 */
public final class GoBinaryCataloger implements Cataloger {
  private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};
  private static final int HEADER = 32;
  private static final int CHUNK = 64 * 1024;
  private static final int MAX_INFO = 1024 * 1024;

  @Override
  public boolean accepts(String path, long size, int mode) {
    return (mode & 0111) != 0 && size >= 1024;
  }

  @Override
  public List<SbomPackage> catalog(String path, InputStream content) throws IOException {
    if (!Arrays.equals(content.readNBytes(4), ELF)) {
      return List.of();
    }
    byte[] buffer = new byte[CHUNK];
    System.arraycopy(ELF, 0, buffer, 0, ELF.length);
    int filled = ELF.length;
    int scan = 0; // buffer[0] sits at a file offset that is a multiple of 16, so does scan
    while (true) {
      int n = content.read(buffer, filled, buffer.length - filled);
      filled += Math.max(n, 0);
      for (; scan + HEADER <= filled; scan += 16) {
        if (matches(buffer, scan)) {
          return parse(Arrays.copyOfRange(buffer, scan, filled), content, path);
        }
      }
      if (n < 0) {
        return List.of();
      }
      if (filled == buffer.length) {
        System.arraycopy(buffer, scan, buffer, 0, filled - scan);
        filled -= scan;
        scan = 0;
      }
    }
  }

  private static boolean matches(byte[] buffer, int at) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (buffer[at + i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private List<SbomPackage> parse(byte[] start, InputStream more, String path) throws IOException {
    int flags = start[15] & 0xff;
    if ((flags & 0x2) == 0) {
      return List.of(); // Go before 1.18 keeps pointers into the data segment: not streamable
    }
    byte[] tail = more.readNBytes(MAX_INFO);
    byte[] data = new byte[start.length - HEADER + tail.length];
    System.arraycopy(start, HEADER, data, 0, start.length - HEADER);
    System.arraycopy(tail, 0, data, start.length - HEADER, tail.length);
    int[] pos = {0};
    String goVersion = string(data, pos);
    String modInfo = string(data, pos);
    if (goVersion == null) {
      return List.of();
    }
    return packages(goVersion, modInfo, path);
  }

  /** A uvarint-length-prefixed string, or null if it does not fit. */
  private static String string(byte[] data, int[] pos) {
    long length = 0;
    int shift = 0;
    while (pos[0] < data.length) {
      int b = data[pos[0]++] & 0xff;
      length |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (length > data.length - pos[0]) {
          return null;
        }
        String s = new String(data, pos[0], (int) length, StandardCharsets.UTF_8);
        pos[0] += (int) length;
        return s;
      }
      shift += 7;
      if (shift > 35) {
        return null;
      }
    }
    return null;
  }

  static List<SbomPackage> packages(String goVersion, String modInfo, String path) {
    List<SbomPackage> found = new ArrayList<>();
    found.add(
        SbomPackage.of(
            "stdlib", goVersion.replaceFirst("^go", "").split(" ")[0], PackageType.GOLANG, path));
    if (modInfo == null) {
      return found;
    }
    // the module info is framed by 16-byte sentinels
    if (modInfo.length() >= 33 && modInfo.charAt(modInfo.length() - 17) == '\n') {
      modInfo = modInfo.substring(16, modInfo.length() - 16);
    }
    Map<String, String> modules = new LinkedHashMap<>();
    String last = null;
    for (String line : modInfo.split("\n")) {
      String[] f = line.split("\t");
      if ((f[0].equals("mod") || f[0].equals("dep")) && f.length >= 3) {
        last = f[1];
        modules.put(f[1], f[2]);
      } else if (f[0].equals("=>") && f.length >= 3 && last != null) {
        modules.remove(last);
        modules.put(f[1], f[2]);
      }
    }
    modules.forEach(
        (module, version) -> {
          if (!version.equals("(devel)") && !version.isEmpty()) {
            found.add(SbomPackage.of(module, version, PackageType.GOLANG, path));
          }
        });
    return found;
  }
}
