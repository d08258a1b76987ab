package io.kso.kubevuln.image;

import java.util.Map;

/** An image platform such as {@code linux/amd64} or {@code linux/arm64/v8}. */
public record Platform(String os, String architecture, String variant) {
  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

  /** Parses {@code os/arch[/variant]}. */
  public static Platform parse(String text) {
    String[] parts = text.split("/");
    if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new IllegalArgumentException("platform must be os/arch[/variant]: " + text);
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  static Platform fromJson(Map<?, ?> node) {
    return new Platform(
        (String) node.get("os"), (String) node.get("architecture"), (String) node.get("variant"));
  }

  /** Whether an index entry for {@code offered} serves a request for this platform. */
  public boolean matches(Platform offered) {
    if (offered == null || !os.equals(offered.os) || !architecture.equals(offered.architecture)) {
      return false;
    }
    return variant == null || variant.equals(offered.variant);
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
