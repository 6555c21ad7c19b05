package dev.spillway.toolkit.load;

import java.util.concurrent.CompletionStage;

/**
 * One send, synchronous or asynchronous, with its outcome and the time inside the call recorded.
 */
final class Sends {

  /** What a sender that returned null (or a stage completed with null) answered. */
  static final Outcome NO_OUTCOME =
      Outcome.failed("the sender answered null instead of an outcome");

  private Sends() {}

  /**
   * Calls {@code sender}, starting now ({@code start}, a nanoTime just read), and records the
   * outcome and the time the call took in {@code stats}, for {@code phase}; returns the nanoTime it
   * ended. A send that throws while the run is halting is left unrecorded: it counts as unfinished.
   */
  static long sync(
      DriverRun run, Sender sender, Message message, SendStats stats, int phase, long start) {
    Outcome outcome;
    try {
      outcome = sender.send(message);
    } catch (InterruptedException e) {
      run.halt(Ending.STOPPED, "a send was interrupted (" + Thread.currentThread().getName() + ")");
      return System.nanoTime();
    } catch (Exception e) {
      long end = System.nanoTime();
      if (!run.halted()) {
        stats.called(phase, end - start);
        stats.finished(Outcome.of(e), end - message.intendedNanoTime());
      }
      return end;
    }
    long end = System.nanoTime();
    stats.called(phase, end - start);
    stats.finished(outcome == null ? NO_OUTCOME : outcome, end - message.intendedNanoTime());
    return end;
  }

  /**
   * Calls {@code sender}, starting now ({@code start}), records the time the call itself took in
   * {@code stats} and arranges for the stage's outcome to land in {@code outcomes}.
   */
  static long async(
      DriverRun run,
      AsyncSender sender,
      Message message,
      AsyncOutcomes outcomes,
      SendStats stats,
      int phase,
      long start) {
    long due = message.intendedNanoTime();
    CompletionStage<Outcome> stage;
    try {
      stage = sender.send(message);
    } catch (InterruptedException e) {
      run.halt(Ending.STOPPED, "a send was interrupted (" + Thread.currentThread().getName() + ")");
      return System.nanoTime();
    } catch (Exception e) {
      long end = System.nanoTime();
      if (!run.halted()) {
        stats.called(phase, end - start);
        outcomes.finished(Outcome.of(e), end - due);
      }
      return end;
    }
    long returned = System.nanoTime();
    stats.called(phase, returned - start);
    if (stage == null) {
      outcomes.finished(NO_OUTCOME, returned - due);
    } else {
      stage.whenComplete(
          (outcome, failure) ->
              outcomes.finished(answer(outcome, failure), System.nanoTime() - due));
    }
    return returned;
  }

  /** What a completed stage answered: its failure's outcome, or its value (null is a failure). */
  private static Outcome answer(Outcome outcome, Throwable failure) {
    if (failure != null) {
      Throwable cause =
          failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      return Outcome.of(cause);
    }
    return outcome == null ? NO_OUTCOME : outcome;
  }
}
