package io.kso.kubevuln.catalog;

import io.kso.kubevuln.sbom.PackageType;
import io.kso.kubevuln.sbom.SbomPackage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The few tags of an RPM header blob (as rpmdb stores it: no lead, no magic) that we need. */
record RpmHeader(Map<Integer, Object> tags) {
  static final int NAME = 1000;
  static final int VERSION = 1001;
  static final int RELEASE = 1002;
  static final int EPOCH = 1003;
  static final int ARCH = 1022;
  static final int SOURCERPM = 1044;
  private static final int INT32 = 4;
  private static final int STRING = 6;
  private static final int STRING_ARRAY = 8;
  private static final int I18NSTRING = 9;

  static RpmHeader parse(byte[] blob) {
    Map<Integer, Object> tags = new HashMap<>();
    if (blob == null || blob.length < 8) {
      return new RpmHeader(tags);
    }
    ByteBuffer b = ByteBuffer.wrap(blob);
    int count = b.getInt();
    int dataLength = b.getInt();
    int dataStart = 8 + count * 16;
    if (count < 0 || dataLength < 0 || (long) dataStart + dataLength > blob.length) {
      return new RpmHeader(tags);
    }
    for (int i = 0; i < count; i++) {
      int tag = b.getInt();
      int type = b.getInt();
      int offset = b.getInt();
      b.getInt(); // count
      if (offset < 0 || offset >= dataLength) {
        continue;
      }
      int at = dataStart + offset;
      if (type == INT32 && at + 4 <= blob.length) {
        tags.put(tag, ByteBuffer.wrap(blob, at, 4).getInt());
      } else if (type == STRING || type == STRING_ARRAY || type == I18NSTRING) {
        int end = at;
        while (end < dataStart + dataLength && blob[end] != 0) {
          end++;
        }
        tags.put(tag, new String(blob, at, end - at, StandardCharsets.UTF_8));
      }
    }
    return new RpmHeader(tags);
  }

  String string(int tag) {
    return tags.get(tag) instanceof String s && !s.isEmpty() ? s : null;
  }

  Optional<SbomPackage> toPackage(String location) {
    String name = string(NAME);
    String version = string(VERSION);
    if (name == null || version == null || name.equals("gpg-pubkey")) {
      return Optional.empty();
    }
    String release = string(RELEASE);
    String evr = release == null ? version : version + "-" + release;
    Integer epoch = tags.get(EPOCH) instanceof Integer e ? e : null;
    String sourceRpm = string(SOURCERPM);
    String sourceName = sourceName(sourceRpm);
    return Optional.of(
        SbomPackage.of(name, epoch != null ? epoch + ":" + evr : evr, PackageType.RPM, location)
            .withSource(sourceName, sourceName == null ? null : evr)
            .withProperty("arch", string(ARCH))
            .withProperty("epoch", epoch == null ? null : epoch.toString())
            .withProperty("sourceRpm", sourceRpm));
  }

  /** {@code openssl-3.0.7-16.el9.src.rpm} names the source package {@code openssl}. */
  static String sourceName(String sourceRpm) {
    if (sourceRpm == null || !sourceRpm.endsWith(".rpm")) {
      return null;
    }
    String base = sourceRpm.replaceFirst("\\.(?:src|nosrc)\\.rpm$", "");
    int release = base.lastIndexOf('-');
    int version = release > 0 ? base.lastIndexOf('-', release - 1) : -1;
    return version > 0 ? base.substring(0, version) : null;
  }
}
