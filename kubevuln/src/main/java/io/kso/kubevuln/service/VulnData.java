package io.kso.kubevuln.service;

import io.kso.kubevuln.match.Match;
import io.kso.kubevuln.match.Matcher;
import io.kso.kubevuln.match.PackageRef;
import io.kso.kubevuln.store.ImportResult;
import io.kso.kubevuln.store.OsvImporter;
import io.kso.kubevuln.store.StoreException;
import io.kso.kubevuln.store.StoreStatus;
import io.kso.kubevuln.store.VulnStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The vulnerability data the service matches against: the store in {@code dir}, reopened after each
 * import. Matching and reopening never overlap; a failed import leaves the current store in use
 * (the importer swaps files only on success).
 */
public final class VulnData implements AutoCloseable {
  private final java.nio.file.Path dir;
  private final Duration maxAge;
  private final Clock clock;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private VulnStore store;
  private String problem = "";

  public VulnData(java.nio.file.Path dir, Duration maxAge, Clock clock) {
    this.dir = dir;
    this.maxAge = maxAge;
    this.clock = clock;
    reopen();
  }

  /** Imports OSV sources (files, folders, zips, URLs) and switches to the new store. */
  public ImportResult importFrom(List<String> sources) {
    ImportResult result = new OsvImporter(clock).importInto(dir, sources, false);
    reopen();
    return result;
  }

  /** The matches of these packages, and the status of the data they were matched against. */
  public Matched match(List<PackageRef> packages) {
    lock.writeLock().lock();
    try {
      if (store == null) {
        throw new ScanException(ScanException.Reason.NO_DATA, "no vulnerability data: " + problem);
      }
      return new Matched(new Matcher(store).match(packages), store.status(maxAge, clock.instant()));
    } finally {
      lock.writeLock().unlock();
    }
  }

  public record Matched(List<Match> matches, StoreStatus data) {}

  /** The data's status, or empty with {@link #problem()} saying why there is none. */
  public Optional<StoreStatus> status() {
    lock.readLock().lock();
    try {
      return store == null ? Optional.empty() : Optional.of(store.status(maxAge, clock.instant()));
    } finally {
      lock.readLock().unlock();
    }
  }

  public String problem() {
    return problem;
  }

  private void reopen() {
    lock.writeLock().lock();
    try {
      VulnStore opened;
      try {
        opened = VulnStore.open(dir);
        problem = "";
      } catch (StoreException e) {
        problem = e.getMessage();
        if (store != null) {
          return;
        }
        opened = null;
      }
      if (store != null) {
        store.close();
      }
      store = opened;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (store != null) {
        store.close();
        store = null;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
