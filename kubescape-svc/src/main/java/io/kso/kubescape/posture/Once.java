package io.kso.kubescape.posture;

import java.util.function.Supplier;

/**
 * A value made on first use and kept: the engine (bundle, rule programs) is built for the first
 * request rather than at start-up, so that an idle service starts fast and stays small.
 */
public final class Once<T> implements Supplier<T> {
  private final Supplier<T> make;
  private volatile T value;

  public Once(Supplier<T> make) {
    this.make = make;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = make.get();
          value = v;
        }
      }
    }
    return v;
  }
}
