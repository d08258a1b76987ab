package io.kso.kubevuln.image;

import io.kso.kubevuln.image.ImageException.Reason;
import java.util.ArrayDeque;
import java.util.Deque;

/** Lexical path handling that keeps every path inside the image's root. */
public final class ImagePaths {
  private ImagePaths() {}

  /**
   * Normalises a tar entry name to {@code /a/b}; {@code "/"} for the root.
   *
   * @throws ImageException PATH_TRAVERSAL if {@code ..} climbs above the root
   */
  public static String entry(String name) {
    String normalized = resolve("/", name);
    if (normalized == null) {
      throw new ImageException(
          Reason.PATH_TRAVERSAL,
          "layer entry '" + name + "' climbs out of the image root (path traversal)");
    }
    return normalized;
  }

  /**
   * Where the symlink at {@code linkPath} points, inside the image.
   *
   * @throws ImageException SYMLINK_ESCAPE if the target climbs above the root
   */
  public static String symlinkTarget(String linkPath, String target) {
    String base = target.startsWith("/") ? "/" : parent(linkPath);
    String resolved = resolve(base, target);
    if (resolved == null) {
      throw new ImageException(
          Reason.SYMLINK_ESCAPE,
          "symlink " + linkPath + " -> " + target + " points outside the image (symlink escape)");
    }
    return resolved;
  }

  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  public static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  public static String child(String directory, String name) {
    return directory.equals("/") ? "/" + name : directory + "/" + name;
  }

  /** {@code base} joined with {@code relative}, or null if it climbs above the root. */
  private static String resolve(String base, String relative) {
    Deque<String> parts = new ArrayDeque<>();
    for (String p : (base + "/" + relative).split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(p);
      }
    }
    return "/" + String.join("/", parts);
  }
}
