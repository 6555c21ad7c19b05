package dev.spillway.toolkit.sentinel;

/** Calls the component's {@link ConsumerRestart} and records what it dropped or redelivered. */
final class RestartAction implements Action {

  private final ConsumerRestart restart;

  RestartAction(ConsumerRestart restart) {
    this.restart = restart;
  }

  @Override
  public String name() {
    return "restart";
  }

  @Override
  public MitigationResult apply(Breach breach, String sentinel) {
    RestartOutcome outcome;
    try {
      outcome = restart.restart();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return MitigationResult.failure(name(), "consumer restart interrupted");
    } catch (Exception e) {
      return MitigationResult.failure(name(), "consumer restart failed: " + e);
    }
    if (outcome == null) {
      return MitigationResult.failure(
          name(), "consumer restart returned no outcome: what happened to the queued messages?");
    }
    return new MitigationResult(
        name(),
        true,
        "consumer restarted: dropped "
            + outcome.dropped()
            + ", redelivered "
            + outcome.redelivered(),
        outcome);
  }

  @Override
  public String toString() {
    return "restart(" + restart + ")";
  }
}
