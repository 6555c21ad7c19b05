package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One phase of a {@link LoadProfile}: a constant rate, a ramp, a burst or a pause, with its name
 * and its place in the profile (index, start offset, first message index).
 *
 * <p>Phases are built by {@link LoadProfileBuilder}; a spike becomes up to three {@link
 * PhaseKind#CONSTANT} phases (base, peak, recovery). Immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LoadPhase {

  /** The longest duration a phase may have. */
  static final Duration MAX_DURATION = Duration.ofDays(365);

  /** The most messages one phase may plan (2^50, so that every offset is exact in a double). */
  static final long MAX_MESSAGES = 1L << 50;

  private final int index;
  private final String name;
  private final PhaseKind kind;
  private final double startRate;
  private final double endRate;
  private final long durationNanos;
  private final long plannedMessages;
  private final long startOffsetNanos;
  private final long firstMessageIndex;

  private LoadPhase(
      int index,
      String name,
      PhaseKind kind,
      double startRate,
      double endRate,
      long durationNanos,
      long plannedMessages,
      long startOffsetNanos,
      long firstMessageIndex) {
    this.index = index;
    this.name = name;
    this.kind = kind;
    this.startRate = startRate;
    this.endRate = endRate;
    this.durationNanos = durationNanos;
    this.plannedMessages = plannedMessages;
    this.startOffsetNanos = startOffsetNanos;
    this.firstMessageIndex = firstMessageIndex;
  }

  static LoadPhase constant(String name, double rate, Duration duration) {
    Preconditions.positive(rate, "constant rate (per second)");
    long nanos = checkedNanos(duration, "constant duration");
    checkMessages(rate * nanos / PhaseMath.NANOS_PER_SECOND, "constant rate × duration");
    long messages =
        PhaseMath.countBefore(
            rate * nanos / PhaseMath.NANOS_PER_SECOND,
            nanos,
            j -> PhaseMath.constantOffset(rate, j));
    String phaseName =
        name != null
            ? name
            : "constant "
                + Format.rate(rate)
                + "/s for "
                + Durations.format(Duration.ofNanos(nanos));
    return new LoadPhase(-1, phaseName, PhaseKind.CONSTANT, rate, rate, nanos, messages, 0, 0);
  }

  static LoadPhase ramp(String name, double fromRate, double toRate, Duration duration) {
    Preconditions.notNegative(fromRate, "ramp start rate (per second)");
    Preconditions.notNegative(toRate, "ramp end rate (per second)");
    Preconditions.check(
        fromRate > 0 || toRate > 0, "ramp rates", "not both 0", fromRate + " and " + toRate);
    long nanos = checkedNanos(duration, "ramp duration");
    double expected = (fromRate + toRate) / 2 * nanos / PhaseMath.NANOS_PER_SECOND;
    checkMessages(expected, "ramp mean rate × duration");
    long messages =
        PhaseMath.countBefore(
            expected, nanos, j -> PhaseMath.rampOffset(fromRate, toRate, nanos, j));
    String phaseName =
        name != null
            ? name
            : "ramp "
                + Format.rate(fromRate)
                + "/s to "
                + Format.rate(toRate)
                + "/s over "
                + Durations.format(Duration.ofNanos(nanos));
    return new LoadPhase(-1, phaseName, PhaseKind.RAMP, fromRate, toRate, nanos, messages, 0, 0);
  }

  static LoadPhase burst(String name, long messages) {
    Preconditions.inRange(messages, 1, MAX_MESSAGES, "burst size (messages)");
    String phaseName = name != null ? name : "burst of " + messages;
    double infinite = Double.POSITIVE_INFINITY;
    return new LoadPhase(-1, phaseName, PhaseKind.BURST, infinite, infinite, 0, messages, 0, 0);
  }

  static LoadPhase pause(String name, Duration duration) {
    long nanos = checkedNanos(duration, "pause duration");
    String phaseName =
        name != null ? name : "pause for " + Durations.format(Duration.ofNanos(nanos));
    return new LoadPhase(-1, phaseName, PhaseKind.PAUSE, 0, 0, nanos, 0, 0, 0);
  }

  /** This phase placed in a profile. */
  LoadPhase placed(int newIndex, long newStartOffsetNanos, long newFirstMessageIndex) {
    return new LoadPhase(
        newIndex,
        name,
        kind,
        startRate,
        endRate,
        durationNanos,
        plannedMessages,
        newStartOffsetNanos,
        newFirstMessageIndex);
  }

  /** This phase under another name. */
  LoadPhase renamed(String newName) {
    return new LoadPhase(
        index,
        newName,
        kind,
        startRate,
        endRate,
        durationNanos,
        plannedMessages,
        startOffsetNanos,
        firstMessageIndex);
  }

  private static long checkedNanos(Duration duration, String name) {
    Preconditions.positive(duration, name);
    Preconditions.check(
        duration.compareTo(MAX_DURATION) <= 0, name, "at most " + MAX_DURATION, duration);
    return duration.toNanos();
  }

  private static void checkMessages(double expected, String name) {
    Preconditions.check(
        expected <= MAX_MESSAGES, name, "at most " + MAX_MESSAGES + " messages", expected);
  }

  /**
   * The offset of message {@code j} of this phase (0-based within the phase) from the start of the
   * phase, in nanoseconds.
   */
  long offsetInPhaseNanos(long j) {
    switch (kind) {
      case CONSTANT:
        return PhaseMath.constantOffset(startRate, j);
      case RAMP:
        return PhaseMath.rampOffset(startRate, endRate, durationNanos, j);
      case BURST:
        return 0;
      default:
        throw new IllegalStateException("a pause has no messages");
    }
  }

  /** The phase's position in its profile, from 0. */
  public int index() {
    return index;
  }

  /** The phase's name, as used in reports and {@code PHASE} events; never blank. */
  public String name() {
    return name;
  }

  /** The phase's shape. */
  public PhaseKind kind() {
    return kind;
  }

  /**
   * The rate at the start of the phase, in messages per second: the rate of a constant phase, the
   * start rate of a ramp, 0 for a pause and {@link Double#POSITIVE_INFINITY} for a burst.
   */
  public double startRatePerSecond() {
    return startRate;
  }

  /** The rate at the end of the phase, in messages per second (see {@link #startRatePerSecond}). */
  public double endRatePerSecond() {
    return endRate;
  }

  /**
   * The rate this phase asks for on average, in messages per second: the rate of a constant phase,
   * {@code (from + to) / 2} for a ramp, 0 for a pause and {@link Double#POSITIVE_INFINITY} for a
   * burst.
   */
  public double expectedRatePerSecond() {
    return (startRate + endRate) / 2;
  }

  /** How long the phase lasts in the plan; zero for a burst. */
  public Duration duration() {
    return Duration.ofNanos(durationNanos);
  }

  /** How long the phase lasts in the plan, in nanoseconds; zero for a burst. */
  public long durationNanos() {
    return durationNanos;
  }

  /** How many messages the phase plans to send; zero for a pause. */
  public long plannedMessages() {
    return plannedMessages;
  }

  /** The profile-wide index of the phase's first message (of the next message for a pause). */
  public long firstMessageIndex() {
    return firstMessageIndex;
  }

  /** When the phase starts, as an offset from the start of the profile. */
  public Duration startOffset() {
    return Duration.ofNanos(startOffsetNanos);
  }

  /** When the phase starts, in nanoseconds from the start of the profile. */
  public long startOffsetNanos() {
    return startOffsetNanos;
  }

  /** When the phase ends, in nanoseconds from the start of the profile. */
  public long endOffsetNanos() {
    return startOffsetNanos + durationNanos;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof LoadPhase)) {
      return false;
    }
    LoadPhase that = (LoadPhase) other;
    return index == that.index
        && name.equals(that.name)
        && kind == that.kind
        && Double.compare(startRate, that.startRate) == 0
        && Double.compare(endRate, that.endRate) == 0
        && durationNanos == that.durationNanos
        && plannedMessages == that.plannedMessages
        && startOffsetNanos == that.startOffsetNanos
        && firstMessageIndex == that.firstMessageIndex;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        index,
        name,
        kind,
        startRate,
        endRate,
        durationNanos,
        plannedMessages,
        startOffsetNanos,
        firstMessageIndex);
  }

  @Override
  public String toString() {
    return "LoadPhase[index="
        + index
        + ", name="
        + name
        + ", kind="
        + kind
        + ", startRatePerSecond="
        + startRate
        + ", endRatePerSecond="
        + endRate
        + ", duration="
        + duration()
        + ", plannedMessages="
        + plannedMessages
        + ", startOffset="
        + startOffset()
        + ", firstMessageIndex="
        + firstMessageIndex
        + "]";
  }
}
