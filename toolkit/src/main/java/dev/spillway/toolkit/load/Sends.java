package dev.spillway.toolkit.load;

import java.util.concurrent.CompletionStage;

/** One send, synchronous or asynchronous, with its outcome recorded. */
final class Sends {

  private Sends() {}

  /**
   * Calls {@code sender} and records the outcome in {@code stats}; returns the nanoTime it ended. A
   * send that throws while the run is halting is left unrecorded: it counts as unfinished.
   */
  static long sync(DriverRun run, Sender sender, Message message, SendStats stats) {
    Outcome outcome;
    try {
      outcome = sender.send(message);
    } catch (InterruptedException e) {
      run.halt(Ending.STOPPED, "a send was interrupted (" + Thread.currentThread().getName() + ")");
      return System.nanoTime();
    } catch (Exception e) {
      long end = System.nanoTime();
      if (!run.halted()) {
        stats.finished(null, end - message.intendedNanoTime());
      }
      return end;
    }
    long end = System.nanoTime();
    stats.finished(outcome, end - message.intendedNanoTime());
    return end;
  }

  /** Calls {@code sender} and arranges for the stage's outcome to land in {@code outcomes}. */
  static long async(DriverRun run, AsyncSender sender, Message message, AsyncOutcomes outcomes) {
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
        outcomes.finished(null, end - due);
      }
      return end;
    }
    if (stage == null) {
      outcomes.finished(null, System.nanoTime() - due);
    } else {
      stage.whenComplete(
          (outcome, failure) ->
              outcomes.finished(failure == null ? outcome : null, System.nanoTime() - due));
    }
    return System.nanoTime();
  }
}
