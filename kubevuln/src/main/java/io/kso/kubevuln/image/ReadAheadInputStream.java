package io.kso.kubevuln.image;

import io.kso.common.concurrent.Daemons;
import io.kso.kubevuln.image.ImageException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a blob on a thread of its own, at most {@link #CHUNKS} chunks (1 MiB) ahead of the reader,
 * where it is also hashed and verified: download and hashing run beside decompression and
 * cataloging, as {@code curl | gunzip} runs on two cores. Errors of the reading thread, digest
 * mismatches included, reach the reader at the point where the data ran out.
 */
final class ReadAheadInputStream extends InputStream {
  private static final int CHUNK = 64 * 1024;
  private static final int CHUNKS = 16;
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CHUNKS);
  private final VerifyingInputStream source;
  private volatile boolean closed;
  private byte[] current = new byte[0];
  private int position;
  private boolean ended;
  private long count;

  ReadAheadInputStream(VerifyingInputStream source, String threadName) {
    this.source = source;
    Daemons.start(threadName, this::pump);
  }

  private void pump() {
    try {
      while (!closed) {
        byte[] chunk = new byte[CHUNK];
        int n = source.readNBytes(chunk, 0, CHUNK);
        if (n == 0) {
          source.finish();
          put(END);
          return;
        }
        put(n == CHUNK ? chunk : Arrays.copyOf(chunk, n));
      }
    } catch (IOException | RuntimeException e) {
      put(e);
    }
  }

  private void put(Object item) {
    try {
      while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
        // the reader is busy: wait for room, or for close
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Compressed bytes handed to the reader so far. */
  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (position == current.length && !next()) {
      return -1;
    }
    int n = Math.min(len, current.length - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    count += n;
    return n;
  }

  private boolean next() throws IOException {
    if (ended) {
      return false;
    }
    Object item;
    try {
      item = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException(Reason.IO, "interrupted while reading a blob", e);
    }
    if (item == END) {
      ended = true;
      return false;
    }
    if (item instanceof IOException e) {
      ended = true;
      throw e;
    }
    if (item instanceof UncheckedIOException e) {
      ended = true;
      throw e.getCause();
    }
    if (item instanceof RuntimeException e) {
      ended = true;
      throw e;
    }
    current = (byte[]) item;
    position = 0;
    return true;
  }

  /** Reads to the end, where the reading thread has checked the length and the digest. */
  void finish() throws IOException {
    byte[] buffer = new byte[CHUNK];
    while (read(buffer, 0, buffer.length) >= 0) {
      // drain
    }
  }

  @Override
  public void close() {
    closed = true;
    queue.clear();
  }
}
