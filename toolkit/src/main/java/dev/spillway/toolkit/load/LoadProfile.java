package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * An open-model load plan: phases played one after the other, each saying when every one of its
 * messages is due, independently of how fast the target answers.
 *
 * <p>Built with a staged, immutable DSL in which no required argument can be forgotten:
 *
 * <pre>{@code
 * LoadProfile profile = LoadProfile.builder()
 *     .constant(150).perSecond().during(Duration.ofSeconds(2))
 *     .ramp(150).to(600).perSecond().during(Duration.ofSeconds(3))
 *     .named("flash sale").spikeFrom(100).to(250).perSecond()
 *         .at(Duration.ofSeconds(2)).holdingFor(Duration.ofSeconds(4)).during(Duration.ofSeconds(10))
 *     .burst(500)
 *     .pause(Duration.ofSeconds(1))
 *     .build();
 * }</pre>
 *
 * <p>The profile computes, for any message index, its intended send time as an offset from the
 * start of the load: message {@code i} of a constant phase at rate {@code r} is due {@code i / r}
 * after the phase starts; a ramp inverts the integral of its linearly changing rate; every message
 * of a burst is due at the burst's start; a pause shifts what follows. The same profile always
 * gives the same times. Immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LoadProfile {

  private final List<LoadPhase> phases;
  private final long plannedMessages;
  private final long plannedDurationNanos;
  // phases that carry messages, by first message index (for phaseOfMessage)
  private final int[] messagePhases;
  private final long[] messagePhaseFirst;
  // phases that take time, by start offset (for phaseAt)
  private final int[] timedPhases;
  private final long[] timedPhaseStart;

  LoadProfile(List<LoadPhase> unplaced) {
    Preconditions.check(!unplaced.isEmpty(), "load profile", "made of at least one phase", "empty");
    List<LoadPhase> placed = new ArrayList<>(unplaced.size());
    long offset = 0;
    long messages = 0;
    for (LoadPhase phase : unplaced) {
      placed.add(phase.placed(placed.size(), offset, messages));
      try {
        offset = Math.addExact(offset, phase.durationNanos());
        messages = Math.addExact(messages, phase.plannedMessages());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "load profile duration (ns) and message count must each be at most "
                + Long.MAX_VALUE
                + ", but the sum overflowed",
            e);
      }
    }
    this.phases = List.copyOf(placed);
    this.plannedMessages = messages;
    this.plannedDurationNanos = offset;
    this.messagePhases =
        placed.stream().filter(p -> p.plannedMessages() > 0).mapToInt(LoadPhase::index).toArray();
    this.messagePhaseFirst =
        Arrays.stream(messagePhases).mapToLong(i -> placed.get(i).firstMessageIndex()).toArray();
    this.timedPhases =
        placed.stream().filter(p -> p.durationNanos() > 0).mapToInt(LoadPhase::index).toArray();
    this.timedPhaseStart =
        Arrays.stream(timedPhases).mapToLong(i -> placed.get(i).startOffsetNanos()).toArray();
  }

  /** Starts an empty profile builder; add at least one phase, then {@code build()}. */
  public static LoadProfileBuilder builder() {
    return LoadProfileBuilder.EMPTY;
  }

  /** The phases in the order they play, each placed (index, start offset, first message). */
  public List<LoadPhase> phases() {
    return phases;
  }

  /** The number of messages the profile plans to send, all phases together. */
  public long plannedMessages() {
    return plannedMessages;
  }

  /** How long the profile lasts in the plan: the sum of its phase durations. */
  public Duration plannedDuration() {
    return Duration.ofNanos(plannedDurationNanos);
  }

  /** How long the profile lasts in the plan, in nanoseconds. */
  public long plannedDurationNanos() {
    return plannedDurationNanos;
  }

  /**
   * When message {@code messageIndex} is due, in nanoseconds from the start of the load.
   *
   * @param messageIndex in [0, {@link #plannedMessages()})
   */
  public long intendedOffsetNanos(long messageIndex) {
    LoadPhase phase = phaseOfMessage(messageIndex);
    return phase.startOffsetNanos()
        + phase.offsetInPhaseNanos(messageIndex - phase.firstMessageIndex());
  }

  /**
   * How many of the plan's messages are due at or before {@code offsetNanos} from the start of the
   * load: 0 before the first, {@link #plannedMessages()} from the last one's due time on.
   */
  public long messagesDueBy(long offsetNanos) {
    long low = 0;
    long high = plannedMessages; // the answer is in [low, high]
    while (low < high) {
      long mid = (low + high) >>> 1;
      if (intendedOffsetNanos(mid) <= offsetNanos) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /**
   * The phase that message {@code messageIndex} belongs to.
   *
   * @param messageIndex in [0, {@link #plannedMessages()})
   */
  public LoadPhase phaseOfMessage(long messageIndex) {
    Preconditions.inRange(messageIndex, 0, plannedMessages - 1, "message index");
    return phases.get(messagePhases[floorIndex(messagePhaseFirst, messageIndex)]);
  }

  /**
   * The phase that is playing at {@code offset} from the start of the load, or empty when the
   * offset lies outside [0, planned duration). A burst takes no time, so it is never the phase at
   * an offset: find it with {@link #phaseOfMessage}.
   */
  public Optional<LoadPhase> phaseAt(Duration offset) {
    Preconditions.notNull(offset, "offset");
    return phaseAtNanos(offset.toNanos());
  }

  /** Like {@link #phaseAt(Duration)}, with the offset as an amount of {@code unit}. */
  public Optional<LoadPhase> phaseAt(long offset, TimeUnit unit) {
    Preconditions.notNull(unit, "offset unit");
    return phaseAtNanos(unit.toNanos(offset));
  }

  private Optional<LoadPhase> phaseAtNanos(long offsetNanos) {
    if (offsetNanos < 0 || offsetNanos >= plannedDurationNanos) {
      return Optional.empty();
    }
    return Optional.of(phases.get(timedPhases[floorIndex(timedPhaseStart, offsetNanos)]));
  }

  /** The index of the last element of sorted {@code starts} that is <= {@code value}. */
  private static int floorIndex(long[] starts, long value) {
    int found = Arrays.binarySearch(starts, value);
    if (found >= 0) {
      // equal starts are impossible for timed phases and for message phases alike
      return found;
    }
    return -found - 2;
  }

  /** The phase names joined by " → ". */
  public String describe() {
    return phases.stream().map(LoadPhase::name).collect(Collectors.joining(" → "));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LoadProfile && phases.equals(((LoadProfile) other).phases);
  }

  @Override
  public int hashCode() {
    return phases.hashCode();
  }

  @Override
  public String toString() {
    return "LoadProfile[plannedMessages="
        + plannedMessages
        + ", plannedDuration="
        + plannedDuration()
        + ", phases="
        + phases
        + "]";
  }
}
