package dev.spillway.toolkit.ledger;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A {@link MessageLedger}'s books at one instant: what was sent, what became of it, what is still
 * queued or inside a consumer, and what is unaccounted for.
 *
 * <p>{@code unaccounted = sent − processed − rejected − dropped − failed − queued − inFlight}. With
 * every message inside a consumer counted in {@code inFlight}, it is 0 at any instant the books are
 * read without messages moving during the read: positive means messages vanished without an outcome
 * (a silent loss), negative means some were counted twice. When the messages inside a consumer are
 * not counted, they show as unaccounted until they finish; whether an unaccounted figure is a loss
 * is therefore judged with what is known of the consumer's concurrency, once the run has settled
 * (see {@link Settling} and {@code Verdicts}).
 *
 * @param ledger the ledger's name
 * @param sent messages sent
 * @param processed messages processed (including those processed on the caller's thread)
 * @param rejected messages rejected
 * @param dropped messages dropped
 * @param failed messages whose handling failed
 * @param queued messages still queued when the snapshot was taken
 * @param inFlight messages counted inside a consumer (taken from the queue, no outcome yet) when
 *     the snapshot was taken; 0 when nobody counts them
 * @param byCaller of the processed and failed messages, those handled on the caller's own thread (a
 *     caller-runs policy, a synchronous fallback): the target pushed that work back onto its
 *     caller, and it does not count as the consumer's service
 * @param sinceLastCompletion how long before the snapshot the last message was completed (processed
 *     or failed), to within 1 ms; since the ledger's creation if none ever was
 * @param sendingAfterLastCompletion for how long messages went on being sent after the last
 *     completion (from it, or from the ledger's creation if none ever was, to the last message
 *     sent, to within 1 ms); zero when none was sent after it. A target that kept receiving
 *     messages for a long stretch and completed none of them — queued, refused or lost — had
 *     stopped serving
 * @param anomalyCount how many id anomalies a strict ledger saw (0 for a plain ledger)
 * @param anomalies the first of those anomalies (at most 100)
 * @param outstandingIds the smallest ids sent and not accounted yet (at most 20; strict ledgers
 *     only). After the drain these are the lost messages.
 * @param failureCauses the failures by cause, the most frequent first (only those recorded with a
 *     cause; see {@link MessageLedger#failed(Throwable)})
 * @param rejectionReasons the rejections by reason, the most frequent first (only those recorded
 *     with a reason)
 * @param dropReasons the drops by reason, the most frequent first (only those recorded with a
 *     reason; see {@link MessageLedger#dropped(String)}): a policy that discards work without
 *     telling the caller says so here
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LedgerSnapshot(
    String ledger,
    long sent,
    long processed,
    long rejected,
    long dropped,
    long failed,
    long queued,
    long inFlight,
    long byCaller,
    Duration sinceLastCompletion,
    Duration sendingAfterLastCompletion,
    long anomalyCount,
    List<LedgerAnomaly> anomalies,
    List<Long> outstandingIds,
    List<CauseCount> failureCauses,
    List<CauseCount> rejectionReasons,
    List<CauseCount> dropReasons) {

  /** Validates the components and copies the lists. */
  public LedgerSnapshot {
    Preconditions.notBlank(ledger, "ledger name");
    Preconditions.notNegative(sent, "sent");
    Preconditions.notNegative(processed, "processed");
    Preconditions.notNegative(rejected, "rejected");
    Preconditions.notNegative(dropped, "dropped");
    Preconditions.notNegative(failed, "failed");
    Preconditions.notNegative(queued, "queued");
    Preconditions.notNegative(inFlight, "in flight");
    Preconditions.inRange(byCaller, 0, processed + failed, "handled by the caller");
    Preconditions.notNegative(sinceLastCompletion, "time since the last completion");
    Preconditions.notNegative(
        sendingAfterLastCompletion, "time messages were sent after the last completion");
    Preconditions.notNegative(anomalyCount, "anomaly count");
    anomalies = List.copyOf(Preconditions.notNull(anomalies, "anomalies"));
    Preconditions.check(
        anomalies.size() <= anomalyCount,
        "anomalies listed",
        "<= anomaly count " + anomalyCount,
        anomalies.size());
    outstandingIds = List.copyOf(Preconditions.notNull(outstandingIds, "outstanding ids"));
    failureCauses = List.copyOf(Preconditions.notNull(failureCauses, "failure causes"));
    rejectionReasons = List.copyOf(Preconditions.notNull(rejectionReasons, "rejection reasons"));
    dropReasons = List.copyOf(Preconditions.notNull(dropReasons, "drop reasons"));
  }

  /**
   * Books with just these counts (a plain ledger, no time since completion): for tests and for
   * figures counted elsewhere.
   */
  public static LedgerSnapshot of(
      long sent, long processed, long rejected, long dropped, long failed, long queued) {
    return new LedgerSnapshot(
        "ledger",
        sent,
        processed,
        rejected,
        dropped,
        failed,
        queued,
        0,
        0,
        Duration.ZERO,
        Duration.ZERO,
        0,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  /** A copy with a different time since the last completion. */
  public LedgerSnapshot withSinceLastCompletion(Duration sinceLastCompletion) {
    return new LedgerSnapshot(
        ledger,
        sent,
        processed,
        rejected,
        dropped,
        failed,
        queued,
        inFlight,
        byCaller,
        sinceLastCompletion,
        sendingAfterLastCompletion,
        anomalyCount,
        anomalies,
        outstandingIds,
        failureCauses,
        rejectionReasons,
        dropReasons);
  }

  /** A copy with a different time messages went on being sent after the last completion. */
  public LedgerSnapshot withSendingAfterLastCompletion(Duration sendingAfterLastCompletion) {
    return new LedgerSnapshot(
        ledger,
        sent,
        processed,
        rejected,
        dropped,
        failed,
        queued,
        inFlight,
        byCaller,
        sinceLastCompletion,
        sendingAfterLastCompletion,
        anomalyCount,
        anomalies,
        outstandingIds,
        failureCauses,
        rejectionReasons,
        dropReasons);
  }

  /** A copy with {@code inFlight} messages counted inside a consumer (&gt;= 0). */
  public LedgerSnapshot withInFlight(long inFlight) {
    return new LedgerSnapshot(
        ledger,
        sent,
        processed,
        rejected,
        dropped,
        failed,
        queued,
        inFlight,
        byCaller,
        sinceLastCompletion,
        sendingAfterLastCompletion,
        anomalyCount,
        anomalies,
        outstandingIds,
        failureCauses,
        rejectionReasons,
        dropReasons);
  }

  /** A copy with {@code byCaller} of the completed messages handled on the caller's thread. */
  public LedgerSnapshot withByCaller(long byCaller) {
    return new LedgerSnapshot(
        ledger,
        sent,
        processed,
        rejected,
        dropped,
        failed,
        queued,
        inFlight,
        byCaller,
        sinceLastCompletion,
        sendingAfterLastCompletion,
        anomalyCount,
        anomalies,
        outstandingIds,
        failureCauses,
        rejectionReasons,
        dropReasons);
  }

  /** A copy with these failure causes and rejection reasons. */
  public LedgerSnapshot withCauses(List<CauseCount> failureCauses, List<CauseCount> reasons) {
    return new LedgerSnapshot(
        ledger,
        sent,
        processed,
        rejected,
        dropped,
        failed,
        queued,
        inFlight,
        byCaller,
        sinceLastCompletion,
        sendingAfterLastCompletion,
        anomalyCount,
        anomalies,
        outstandingIds,
        failureCauses,
        reasons,
        dropReasons);
  }

  /** A copy with these drop reasons. */
  public LedgerSnapshot withDropReasons(List<CauseCount> dropReasons) {
    return new LedgerSnapshot(
        ledger,
        sent,
        processed,
        rejected,
        dropped,
        failed,
        queued,
        inFlight,
        byCaller,
        sinceLastCompletion,
        sendingAfterLastCompletion,
        anomalyCount,
        anomalies,
        outstandingIds,
        failureCauses,
        rejectionReasons,
        dropReasons);
  }

  /** {@code sent − processed − rejected − dropped − failed − queued − inFlight}. */
  public long unaccounted() {
    return sent - accounted();
  }

  /** Everything with an outcome, still queued or counted in flight. */
  public long accounted() {
    return processed + rejected + dropped + failed + queued + inFlight;
  }

  /** Messages still to be finished: queued or in flight. */
  public long backlog() {
    return queued + inFlight;
  }

  /** The share of sent messages that failed, in [0, 1]; 0 when nothing was sent. */
  public double failedFraction() {
    return sent == 0 ? 0 : Math.min(1, (double) failed / sent);
  }

  /** Messages the consumer finished: processed + failed. */
  public long completed() {
    return processed + failed;
  }

  /** Messages turned away on purpose: rejected + dropped. */
  public long shed() {
    return rejected + dropped;
  }

  /** The share of sent messages that were shed, in [0, 1]; 0 when nothing was sent. */
  public double shedFraction() {
    return sent == 0 ? 0 : Math.min(1, (double) shed() / sent);
  }

  /** Whether the books balance: nothing unaccounted and no id anomaly. */
  public boolean isBalanced() {
    return unaccounted() == 0 && anomalyCount == 0;
  }

  /**
   * The books in one sentence, for example {@code "no message lost: 3,000 sent = 2,000 processed +
   * 1,000 rejected"}, {@code "12 messages unaccounted for: 3,000 sent, but only 2,988 accounted for
   * (2,000 processed + 988 rejected)"}, or {@code "5 messages counted twice: 3,000 sent, but 3,005
   * accounted for (...)"}, followed by the ids a strict ledger can name. Whether unaccounted
   * messages are lost or still inside a consumer is for the verdict to judge, with what is known of
   * the consumer.
   */
  public String describe() {
    long u = unaccounted();
    StringBuilder sb = new StringBuilder();
    if (u == 0) {
      if (sent == 0) {
        sb.append("no message sent");
      } else {
        sb.append("no message lost: ").append(n(sent)).append(" sent = ").append(breakdown());
      }
    } else if (u > 0) {
      sb.append(messages(u))
          .append(" unaccounted for: ")
          .append(n(sent))
          .append(" sent, but only ")
          .append(n(accounted()))
          .append(" accounted for (")
          .append(breakdown())
          .append(")");
    } else {
      sb.append(messages(-u))
          .append(" counted twice: ")
          .append(n(sent))
          .append(" sent, but ")
          .append(n(accounted()))
          .append(" accounted for (")
          .append(breakdown())
          .append(")");
    }
    if (anomalyCount > 0) {
      sb.append("; ")
          .append(anomalyCount)
          .append(anomalyCount == 1 ? " anomaly: " : " anomalies: ");
      int shown = Math.min(anomalies.size(), 5);
      for (int i = 0; i < shown; i++) {
        sb.append(i == 0 ? "" : ", ").append(anomalies.get(i).describe());
      }
      if (anomalyCount > shown) {
        sb.append(" and ").append(anomalyCount - shown).append(" more");
      }
    }
    if (u > 0 && !outstandingIds.isEmpty()) {
      sb.append(
          queued == 0 ? "; never accounted: ids " : "; not accounted yet (queued or lost): ids ");
      for (int i = 0; i < outstandingIds.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(outstandingIds.get(i));
      }
      if (outstandingIds.size() < u + queued) {
        sb.append(" …");
      }
    }
    return sb.toString();
  }

  /**
   * Where the messages are, as a sum of the non-zero outcomes (processed always shown): {@code
   * "2,000 processed + 988 rejected + 3 queued + 1 in flight"}.
   */
  public String breakdown() {
    List<String> parts = new ArrayList<>();
    parts.add(n(processed) + " processed");
    if (rejected > 0) {
      parts.add(n(rejected) + " rejected");
    }
    if (dropped > 0) {
      parts.add(n(dropped) + " dropped");
    }
    if (failed > 0) {
      parts.add(n(failed) + " failed");
    }
    if (queued > 0) {
      parts.add(n(queued) + " queued");
    }
    if (inFlight > 0) {
      parts.add(n(inFlight) + " in flight");
    }
    return String.join(" + ", parts);
  }

  /**
   * The failures by cause, the rejections and the drops by reason, e.g. {@code "failures: 400 ×
   * java.lang.IllegalStateException (e.g. \"boom\")"}; empty when none was recorded with a cause.
   */
  public String describeCauses() {
    List<String> parts = new ArrayList<>();
    if (!failureCauses.isEmpty()) {
      parts.add("failures: " + join(failureCauses));
    }
    if (!rejectionReasons.isEmpty()) {
      parts.add("rejections: " + join(rejectionReasons));
    }
    if (!dropReasons.isEmpty()) {
      parts.add("drops: " + join(dropReasons));
    }
    return String.join("; ", parts);
  }

  private static String join(List<CauseCount> causes) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < Math.min(3, causes.size()); i++) {
      shown.add(causes.get(i).describe());
    }
    if (causes.size() > 3) {
      shown.add(causes.size() - 3 + " more");
    }
    return String.join(", ", shown);
  }

  private static String messages(long count) {
    return n(count) + (count == 1 ? " message" : " messages");
  }

  private static String n(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
