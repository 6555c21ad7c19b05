package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a {@link LoadDriver} run did, measured from the intended send times (so a slow target shows
 * as lateness and latency instead of silently lowering the offered rate).
 *
 * <p>Message accounting always balances: {@code planned = sent + notSent} and {@code sent =
 * accepted + rejected + failed + unfinished}. <em>Lateness</em> is when a send started minus when
 * it was due; <em>latency</em> is when it finished minus when it was due (for every finished send:
 * accepted, rejected or failed). When the driver fell behind schedule, {@link #backPressure()} says
 * so with numbers and {@link #summary()} leads with it.
 *
 * @param name the driver's name
 * @param mode how messages were sent
 * @param senderThreads the sender pool's size in {@link SendMode#POOL} mode; 0 otherwise
 * @param planned messages the profile planned
 * @param sent messages handed to the target (the send started)
 * @param accepted sends answered {@link Outcome#ACCEPTED}
 * @param rejected sends answered {@link Outcome#REJECTED}
 * @param failed sends that threw, completed exceptionally or returned null
 * @param unfinished sends still running when the run ended (interrupted or abandoned)
 * @param notSent planned messages never sent; why is in {@link #ending()}
 * @param ending how the run ended
 * @param endingDetail a readable reason, e.g. {@code "planned 2s + grace 5s elapsed"}
 * @param plannedDuration the profile's planned duration
 * @param elapsed from the start of the run to the end of its last measurement
 * @param phases one report per profile phase, in order
 * @param lateness send start minus intended time, over every sent message
 * @param latency send end minus intended time, over every finished send
 * @param maxWaitingForSender in pool mode, the most messages due while every sender was busy
 * @param stuckThreads sender threads (and the driver thread, in the modes where it calls the target
 *     itself) that had not stopped when the report was made (they are daemon threads, left to
 *     finish on their own)
 * @param backPressure present when the driver fell behind schedule
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LoadReport(
    String name,
    SendMode mode,
    int senderThreads,
    long planned,
    long sent,
    long accepted,
    long rejected,
    long failed,
    long unfinished,
    long notSent,
    Ending ending,
    String endingDetail,
    Duration plannedDuration,
    Duration elapsed,
    List<PhaseReport> phases,
    Percentiles lateness,
    Percentiles latency,
    long maxWaitingForSender,
    int stuckThreads,
    Optional<BackPressure> backPressure) {

  /** Validates the components and the message accounting. */
  public LoadReport {
    Preconditions.notBlank(name, "driver name");
    Preconditions.notNull(mode, "send mode");
    Preconditions.notNegative(senderThreads, "sender threads");
    Preconditions.notNegative(planned, "planned");
    Preconditions.notNegative(sent, "sent");
    Preconditions.notNegative(accepted, "accepted");
    Preconditions.notNegative(rejected, "rejected");
    Preconditions.notNegative(failed, "failed");
    Preconditions.notNegative(unfinished, "unfinished");
    Preconditions.notNegative(notSent, "not sent");
    Preconditions.check(
        planned == sent + notSent, "planned", "sent + notSent = " + (sent + notSent), planned);
    long outcomes = accepted + rejected + failed + unfinished;
    Preconditions.check(
        sent == outcomes, "sent", "accepted + rejected + failed + unfinished = " + outcomes, sent);
    Preconditions.notNull(ending, "ending");
    Preconditions.notNull(endingDetail, "ending detail");
    Preconditions.notNegative(plannedDuration, "planned duration");
    Preconditions.notNegative(elapsed, "elapsed");
    phases = List.copyOf(Preconditions.notNull(phases, "phase reports"));
    Preconditions.notNull(lateness, "lateness");
    Preconditions.notNull(latency, "latency");
    Preconditions.notNegative(maxWaitingForSender, "max waiting for sender");
    Preconditions.notNegative(stuckThreads, "stuck threads");
    Preconditions.notNull(backPressure, "back-pressure");
  }

  /** {@code sent / elapsed}, in messages per second; 0 when nothing elapsed. */
  public double achievedRatePerSecond() {
    long nanos = elapsed.toNanos();
    return nanos > 0 ? sent * 1e9 / nanos : 0;
  }

  /** {@code planned / planned duration}, in messages per second; infinite for a pure burst. */
  public double intendedRatePerSecond() {
    long nanos = plannedDuration.toNanos();
    return nanos > 0 ? planned * 1e9 / nanos : Double.POSITIVE_INFINITY;
  }

  /** Whether the driver fell behind schedule (see {@link BackPressure}). */
  public boolean fellBehind() {
    return backPressure.isPresent();
  }

  /**
   * A readable, multi-line summary. Its second line is either the {@link BackPressure} description
   * (starting with {@code "BACK-PRESSURE:"}) or {@code "on schedule: …"}.
   */
  public String summary() {
    StringBuilder text = new StringBuilder();
    text.append("load '")
        .append(name)
        .append("' (")
        .append(mode.name().toLowerCase(java.util.Locale.ROOT))
        .append(senderThreads > 0 ? ", " + senderThreads + " sender threads" : "")
        .append("): ")
        .append(ending)
        .append(" after ")
        .append(Durations.format(elapsed))
        .append(" (planned ")
        .append(Durations.format(plannedDuration))
        .append(")")
        .append(ending == Ending.COMPLETED ? "" : ": " + endingDetail)
        .append('\n');
    text.append(
            backPressure
                .map(BackPressure::describe)
                .orElse("on schedule: lateness p99 " + Durations.format(lateness.p99())))
        .append('\n');
    text.append("messages: planned ")
        .append(Format.count(planned))
        .append(", sent ")
        .append(Format.count(sent))
        .append(" (accepted ")
        .append(Format.count(accepted))
        .append(", rejected ")
        .append(Format.count(rejected))
        .append(", failed ")
        .append(Format.count(failed))
        .append(", unfinished ")
        .append(Format.count(unfinished))
        .append("), not sent ")
        .append(Format.count(notSent))
        .append(", achieved ")
        .append(Format.rate(achievedRatePerSecond()))
        .append("/s\n");
    for (PhaseReport phase : phases) {
      text.append("  ").append(phase.describe()).append('\n');
    }
    text.append("lateness: ").append(lateness.describe()).append('\n');
    text.append("latency:  ").append(latency.describe());
    if (maxWaitingForSender > 0) {
      text.append("\nmessages waiting for a free sender: up to ")
          .append(Format.count(maxWaitingForSender));
    }
    if (stuckThreads > 0) {
      text.append('\n')
          .append(stuckThreads)
          .append(" thread(s) had not stopped when this report was made");
    }
    return text.toString();
  }
}
