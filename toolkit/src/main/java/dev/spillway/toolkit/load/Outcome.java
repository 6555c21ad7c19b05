package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.apiguardian.api.API;

/**
 * What a target answered to one message: it {@linkplain #ACCEPTED accepted} it, {@linkplain
 * #rejected(String) rejected} it explicitly (a full bounded queue, a 429, a 503), or {@linkplain
 * #failed(Throwable) failed} it (an error instead of service). A sender answers with one of these;
 * a rejection may say why and a failure carries its cause, without anything being thrown.
 *
 * <pre>{@code
 * Sender sender = message -> {
 *   try {
 *     executor.execute(task(message));
 *     return Outcome.ACCEPTED;
 *   } catch (BulkheadFullException full) {          // a library's refusal: a rejection
 *     return Outcome.rejected(full.getMessage());
 *   }
 * };
 * }</pre>
 *
 * <p>A send that throws is the same as a sender answering {@link #of(Throwable)}: a {@link
 * RejectedExecutionException} (the JDK's way of refusing a task) is a rejection, anything else a
 * failure with that cause. Compare outcomes by {@link #kind()} (or {@link #isAccepted()}, {@link
 * #isRejected()}, {@link #isFailed()}), not by identity: a rejection with a reason is not the
 * {@link #REJECTED} constant.
 *
 * <p>Immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Outcome {

  /** The three answers a target can give. */
  public enum Kind {
    /** The target took the message. */
    ACCEPTED,
    /** The target refused the message explicitly and the sender was told. */
    REJECTED,
    /** The target answered with an error instead of serving the message. */
    FAILED
  }

  /** The target took the message. */
  public static final Outcome ACCEPTED = new Outcome(Kind.ACCEPTED, null, null, null);

  /** The target refused the message explicitly; no reason given. */
  public static final Outcome REJECTED = new Outcome(Kind.REJECTED, null, null, null);

  private final Kind kind;
  private final String category;
  private final String detail;
  private final Throwable cause;

  private Outcome(Kind kind, String category, String detail, Throwable cause) {
    this.kind = kind;
    this.category = category;
    this.detail = detail;
    this.cause = cause;
  }

  /**
   * A rejection that says why, e.g. {@code "mailbox full (capacity 100)"} or {@code "HTTP 503"}.
   *
   * @param reason not blank; rejections are tallied by reason
   */
  public static Outcome rejected(String reason) {
    Preconditions.notBlank(reason, "rejection reason");
    return new Outcome(Kind.REJECTED, reason, null, null);
  }

  /**
   * A failure caused by {@code cause}; failures are tallied by the cause's class, with the first
   * few messages kept.
   */
  public static Outcome failed(Throwable cause) {
    Preconditions.notNull(cause, "failure cause");
    return new Outcome(Kind.FAILED, cause.getClass().getName(), cause.getMessage(), cause);
  }

  /**
   * A failure without an exception, described in words, e.g. {@code "HTTP 500"}; failures are
   * tallied by description.
   *
   * @param description not blank
   */
  public static Outcome failed(String description) {
    Preconditions.notBlank(description, "failure description");
    return new Outcome(Kind.FAILED, description, null, null);
  }

  /**
   * What a send that threw {@code thrown} answered: a {@link RejectedExecutionException} is a
   * rejection (its class name as the reason, its message as the detail), anything else a {@link
   * #failed(Throwable) failure}.
   */
  public static Outcome of(Throwable thrown) {
    Preconditions.notNull(thrown, "thrown");
    if (thrown instanceof RejectedExecutionException) {
      return new Outcome(Kind.REJECTED, thrown.getClass().getName(), thrown.getMessage(), thrown);
    }
    return failed(thrown);
  }

  /** Which answer this is. */
  public Kind kind() {
    return kind;
  }

  /** Whether the target took the message. */
  public boolean isAccepted() {
    return kind == Kind.ACCEPTED;
  }

  /** Whether the target refused the message explicitly. */
  public boolean isRejected() {
    return kind == Kind.REJECTED;
  }

  /** Whether the target failed the message. */
  public boolean isFailed() {
    return kind == Kind.FAILED;
  }

  /**
   * What rejections or failures are tallied by: the exception's class name, or the reason or
   * description given; empty for {@link #ACCEPTED} and the bare {@link #REJECTED}.
   */
  public Optional<String> category() {
    return Optional.ofNullable(category);
  }

  /** The exception's message, if there is one. */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  /** The exception behind a failure (or a {@link RejectedExecutionException}), if any. */
  public Optional<Throwable> cause() {
    return Optional.ofNullable(cause);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Outcome o
        && kind == o.kind
        && Objects.equals(category, o.category)
        && Objects.equals(detail, o.detail)
        && cause == o.cause;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, category, detail);
  }

  @Override
  public String toString() {
    if (category == null) {
      return kind.name();
    }
    return kind.name() + "(" + category + (detail == null ? "" : ": " + detail) + ")";
  }
}
