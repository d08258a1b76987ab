package io.kso.kubevuln.cli;

/** How {@code scan} and {@code db status} print. */
enum OutputFormat {
  table,
  json
}
