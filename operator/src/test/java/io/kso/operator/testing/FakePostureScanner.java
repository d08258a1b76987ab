package io.kso.operator.testing;

import io.kso.common.message.PostScanRequest;
import io.kso.operator.port.PostureScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * kubescape-svc as a script: the answers to {@code start} and {@code status} calls, in the order
 * the calls come (an answer is a state, or an exception to throw); once the script is used up,
 * scans are no longer busy. {@code ready} answers false for the first calls, as told.
 */
public final class FakePostureScanner implements PostureScanner {
  private final Deque<Object> answers = new ArrayDeque<>();
  private final List<PostScanRequest> started = new ArrayList<>();
  private final List<String> polled = new ArrayList<>();
  private final AtomicInteger readyCalls = new AtomicInteger();
  private volatile int notReadyFor;

  public static ScanState busy(String id) {
    return new ScanState(id, true, id);
  }

  public static ScanState notBusy() {
    return new ScanState("", false, "");
  }

  public synchronized FakePostureScanner then(ScanState state) {
    answers.add(state);
    return this;
  }

  public synchronized FakePostureScanner thenFail(RuntimeException error) {
    answers.add(error);
    return this;
  }

  /** {@code ready()} answers false this many times, then true; negative: never ready. */
  public FakePostureScanner readyAfter(int notReadyCalls) {
    this.notReadyFor = notReadyCalls;
    return this;
  }

  @Override
  public boolean ready() {
    int call = readyCalls.incrementAndGet();
    return notReadyFor >= 0 && call > notReadyFor;
  }

  @Override
  public synchronized ScanState start(PostScanRequest request) {
    started.add(request);
    return next();
  }

  @Override
  public synchronized ScanState status(String scanId) {
    polled.add(scanId);
    return next();
  }

  private ScanState next() {
    Object answer = answers.poll();
    if (answer instanceof RuntimeException e) {
      throw e;
    }
    return answer == null ? notBusy() : (ScanState) answer;
  }

  public synchronized List<PostScanRequest> started() {
    return List.copyOf(started);
  }

  public synchronized List<String> polled() {
    return List.copyOf(polled);
  }

  public int readyCalls() {
    return readyCalls.get();
  }
}
