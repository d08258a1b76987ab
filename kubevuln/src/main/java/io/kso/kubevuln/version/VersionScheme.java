package io.kso.kubevuln.version;

/**
 * The ordering of one ecosystem's version strings. {@link #compare} never throws: a scheme that
 * cannot parse a string orders it by its own rules (Go: below every valid version) or reports it
 * through {@link #isValid} so that the matcher can refuse to guess.
 */
public interface VersionScheme {

  /** Negative, zero or positive as {@code a} sorts before, with or after {@code b}. */
  int compare(String a, String b);

  /** Whether {@code version} is a version of this scheme at all. */
  default boolean isValid(String version) {
    return version != null && !version.isBlank();
  }

  /** The scheme's name, as matches report it. */
  String name();
}
