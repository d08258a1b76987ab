package io.kso.kubescape.port;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/** Where finished scans' reports are kept until fetched or pruned. */
public interface ResultStore {
  /** Writes a report under its scan ID; what was there before is replaced. */
  interface ReportWriter {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes the report atomically (a reader sees the whole report or none) and prunes the oldest
   * reports beyond the store's limit.
   */
  void save(String scanId, ReportWriter writer);

  /** The stored report of this scan, if it is kept. */
  Optional<Path> find(String scanId);

  /** The ID of the newest stored report. */
  Optional<String> newest();

  /** Deletes one report; true when there was one. */
  boolean delete(String scanId);

  /** Deletes every report; returns how many there were. */
  int deleteAll();
}
