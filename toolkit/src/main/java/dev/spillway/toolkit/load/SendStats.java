package dev.spillway.toolkit.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * What one sending thread measured. Single writer (the thread that owns it), any number of readers:
 * counters are published with release stores, histograms through {@link SingleWriterRecorder}s, so
 * a report can be made while a stuck sender still holds its message.
 */
final class SendStats {

  private static final int SIGNIFICANT_DIGITS = 3;

  private final long thresholdNanos;
  private final SingleWriterRecorder lateness = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
  private final SingleWriterRecorder latency = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong late = new AtomicLong();
  private final AtomicLong afterPhaseEnd = new AtomicLong();
  private final AtomicLongArray phaseSent;
  private final AtomicLongArray phaseLastSend;
  private final AtomicLongArray phaseMaxLateness;
  private final AtomicLongArray phaseHeld;
  private final AtomicLongArray phaseHolding;
  private final AtomicLongArray phaseCallNanos;

  SendStats(int phases, long thresholdNanos) {
    this.thresholdNanos = thresholdNanos;
    this.phaseSent = new AtomicLongArray(phases);
    this.phaseLastSend = new AtomicLongArray(phases);
    this.phaseMaxLateness = new AtomicLongArray(phases);
    this.phaseHeld = new AtomicLongArray(phases);
    this.phaseHolding = new AtomicLongArray(phases);
    this.phaseCallNanos = new AtomicLongArray(phases);
  }

  /**
   * A send of a message of {@code phase}, due at {@code due}, starts at {@code start}; {@code held}
   * when it fell due while the target was still holding its sender in an earlier send (see {@link
   * PhaseReport#heldMessages()}).
   */
  void started(int phase, long due, long start, long phaseEnd, boolean held) {
    if (held) {
      phaseHeld.setRelease(phase, phaseHeld.getPlain(phase) + 1);
    }
    long lateNanos = Math.max(0, start - due);
    lateness.recordValue(lateNanos);
    increment(sent);
    phaseSent.setRelease(phase, phaseSent.getPlain(phase) + 1);
    phaseLastSend.setRelease(phase, start);
    if (lateNanos > phaseMaxLateness.getPlain(phase)) {
      phaseMaxLateness.setRelease(phase, lateNanos);
    }
    if (lateNanos > thresholdNanos) {
      increment(late);
      if (start - phaseEnd > thresholdNanos) {
        increment(afterPhaseEnd);
      }
    }
  }

  /**
   * The message of {@code phase} just {@linkplain #started started} as held is the first that its
   * holding send held up: one more distinct send held the phase's messages up.
   */
  void holdingSend(int phase) {
    phaseHolding.setRelease(phase, phaseHolding.getPlain(phase) + 1);
  }

  /** The call of a send of {@code phase} took {@code nanos} (time inside the target's method). */
  void called(int phase, long nanos) {
    phaseCallNanos.setRelease(phase, phaseCallNanos.getPlain(phase) + Math.max(0, nanos));
  }

  /** A send finished {@code latencyNanos} after it was due. */
  void finished(Outcome outcome, long latencyNanos) {
    latency.recordValue(Math.max(0, latencyNanos));
    switch (outcome.kind()) {
      case ACCEPTED -> increment(accepted);
      case REJECTED -> increment(rejected);
      case FAILED -> increment(failed);
    }
  }

  private static void increment(AtomicLong counter) {
    counter.setRelease(counter.getPlain() + 1);
  }

  long sent() {
    return sent.get();
  }

  long accepted() {
    return accepted.get();
  }

  long rejected() {
    return rejected.get();
  }

  long failed() {
    return failed.get();
  }

  long late() {
    return late.get();
  }

  long afterPhaseEnd() {
    return afterPhaseEnd.get();
  }

  long phaseSent(int phase) {
    return phaseSent.get(phase);
  }

  long phaseLastSend(int phase) {
    return phaseLastSend.get(phase);
  }

  long phaseMaxLateness(int phase) {
    return phaseMaxLateness.get(phase);
  }

  long phaseHeld(int phase) {
    return phaseHeld.get(phase);
  }

  long phaseHolding(int phase) {
    return phaseHolding.get(phase);
  }

  long phaseCallNanos(int phase) {
    return phaseCallNanos.get(phase);
  }

  /** Everything recorded so far; call from one reader at a time (the report assembly). */
  Histogram takeLateness() {
    return lateness.getIntervalHistogram();
  }

  /** Everything recorded so far; call from one reader at a time (the report assembly). */
  Histogram takeLatency() {
    return latency.getIntervalHistogram();
  }
}
