package io.kso.kubevuln.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that shows every chunk read through it to {@link #observe}, skips included. */
abstract class ObservedInputStream extends FilterInputStream {
  private final byte[] one = new byte[1];
  private byte[] skipBuffer;

  ObservedInputStream(InputStream in) {
    super(in);
  }

  /** Called with each chunk of {@code n > 0} bytes just read; may throw to stop the read. */
  abstract void observe(byte[] b, int off, int n);

  @Override
  public final int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      observe(b, off, n);
    }
    return n;
  }

  @Override
  public final long skip(long n) throws IOException {
    if (skipBuffer == null) {
      skipBuffer = new byte[65536];
    }
    return Math.max(read(skipBuffer, 0, (int) Math.min(Math.max(n, 0), skipBuffer.length)), 0);
  }

  @Override
  public final boolean markSupported() {
    return false;
  }
}
