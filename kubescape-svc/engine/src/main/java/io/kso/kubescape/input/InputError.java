package io.kso.kubescape.input;

/** Input that could not be read: the file, the 1-based line (0 when unknown) and why. */
public record InputError(String source, int line, String message) {
  @Override
  public String toString() {
    return source + (line > 0 ? ":" + line : "") + ": " + message;
  }
}
