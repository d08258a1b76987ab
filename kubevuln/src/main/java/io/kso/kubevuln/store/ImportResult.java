package io.kso.kubevuln.store;

import java.nio.file.Path;
import java.time.Duration;

/** What an import did: records read from the sources, records in the new store, its file. */
public record ImportResult(
    long recordsRead, long recordsInStore, Path storeFile, long sizeBytes, Duration took) {}
