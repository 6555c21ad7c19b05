package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.load.AsyncSender;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.load.Sender;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apiguardian.api.API;

/**
 * Senders that note the load's start and count each message in the books before it reaches the
 * target (sent), and what the target answered: rejected (with its reason) or failed (with its
 * cause). A send that throws answers {@link Outcome#of(Throwable)} (a {@code
 * RejectedExecutionException} is a rejection) instead of throwing, so that the load driver counts
 * exactly what the books count. Accepted messages are counted by the consumer (processed), on the
 * caller's thread when it runs them inside the send. Stateless.
 */
@API(status = INTERNAL, since = "0.1")
public final class CountingSenders {

  /** What a send that answered null answered. */
  static final Outcome NO_OUTCOME =
      Outcome.failed("the sender answered null instead of an outcome");

  private CountingSenders() {}

  /** {@code target}, counted. */
  public static Sender counting(Sender target, Books books, LoadClock clock) {
    return message -> {
      clock.saw(message);
      books.sent();
      Outcome outcome;
      try {
        outcome = books.sending(() -> target.send(message));
      } catch (InterruptedException stopped) {
        throw stopped; // the driver is stopping: the run's books are not taken from here on
      } catch (Exception e) {
        outcome = Outcome.of(e);
      } catch (Error e) {
        books.answered(Outcome.failed(e));
        throw e;
      }
      Outcome answer = outcome == null ? NO_OUTCOME : outcome;
      books.answered(answer);
      return answer;
    };
  }

  /** {@code target}, counted when its stage completes. */
  public static AsyncSender countingAsync(AsyncSender target, Books books, LoadClock clock) {
    return message -> {
      clock.saw(message);
      books.sent();
      CompletionStage<Outcome> stage;
      try {
        stage = books.sending(() -> target.send(message));
      } catch (InterruptedException stopped) {
        throw stopped; // the driver is stopping
      } catch (Exception e) {
        Outcome answer = Outcome.of(e);
        books.answered(answer);
        return CompletableFuture.completedFuture(answer);
      } catch (Error e) {
        books.answered(Outcome.failed(e));
        throw e;
      }
      if (stage == null) {
        books.answered(NO_OUTCOME);
        return CompletableFuture.completedFuture(NO_OUTCOME);
      }
      return stage.handle(
          (outcome, failure) -> {
            Outcome answer =
                failure != null
                    ? Outcome.of(unwrap(failure))
                    : outcome == null ? NO_OUTCOME : outcome;
            books.answered(answer);
            return answer;
          });
    };
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }
}
