package dev.spillway.toolkit.load;

import java.util.List;

/**
 * Walks a profile's messages in order, phase by phase, with each message's intended offset. One
 * thread only.
 */
final class Schedule {

  private final List<LoadPhase> phases;
  private final long planned;
  private int phase = -1;
  private long inPhase;
  private long sequence;
  private long nextOffset;

  Schedule(LoadProfile profile) {
    this.phases = profile.phases();
    this.planned = profile.plannedMessages();
    enterNextPhaseWithMessages();
  }

  boolean hasNext() {
    return sequence < planned;
  }

  /** The sequence number of the next message (= the number of messages already walked). */
  long sequence() {
    return sequence;
  }

  /** The phase index of the next message. */
  int phase() {
    return phase;
  }

  /** The intended offset of the next message from the start of the load, in nanoseconds. */
  long nextOffsetNanos() {
    return nextOffset;
  }

  void advance() {
    sequence++;
    inPhase++;
    if (inPhase == phases.get(phase).plannedMessages()) {
      enterNextPhaseWithMessages();
    } else {
      computeOffset();
    }
  }

  private void enterNextPhaseWithMessages() {
    inPhase = 0;
    do {
      phase++;
    } while (phase < phases.size() && phases.get(phase).plannedMessages() == 0);
    if (phase < phases.size()) {
      computeOffset();
    }
  }

  private void computeOffset() {
    LoadPhase current = phases.get(phase);
    nextOffset = current.startOffsetNanos() + current.offsetInPhaseNanos(inPhase);
  }
}
