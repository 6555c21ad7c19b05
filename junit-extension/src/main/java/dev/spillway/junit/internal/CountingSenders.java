package dev.spillway.junit.internal;

import dev.spillway.toolkit.load.AsyncSender;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.load.Sender;
import java.util.concurrent.CompletionStage;

/**
 * Senders that note the load's start and count each message in the books before it reaches the
 * target (sent), and what the target answered (rejected; failed when the send throws). Accepted
 * messages are counted by the consumer (processed). Stateless.
 */
public final class CountingSenders {

  private CountingSenders() {}

  /** {@code target}, counted. */
  public static Sender counting(Sender target, Books books, LoadClock clock) {
    return message -> {
      clock.saw(message);
      books.sent();
      Outcome outcome;
      try {
        outcome = target.send(message);
      } catch (InterruptedException stopped) {
        throw stopped; // the driver is stopping: the run's books are not taken from here on
      } catch (Exception | Error e) {
        books.failed();
        throw e;
      }
      if (outcome == Outcome.REJECTED) {
        books.rejected();
      } else if (outcome == null) {
        books.failed();
      }
      return outcome;
    };
  }

  /** {@code target}, counted when its stage completes. */
  public static AsyncSender countingAsync(AsyncSender target, Books books, LoadClock clock) {
    return message -> {
      clock.saw(message);
      books.sent();
      CompletionStage<Outcome> stage;
      try {
        stage = target.send(message);
      } catch (Exception | Error e) {
        books.failed();
        throw e;
      }
      if (stage == null) {
        books.failed();
        return null;
      }
      return stage.whenComplete(
          (outcome, failure) -> {
            if (failure != null || outcome == null) {
              books.failed();
            } else if (outcome == Outcome.REJECTED) {
              books.rejected();
            }
          });
    };
  }
}
