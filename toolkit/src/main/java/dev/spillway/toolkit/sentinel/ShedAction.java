package dev.spillway.toolkit.sentinel;

/**
 * Records that the sentinel sheds. Shedding itself is not done here: it starts on the thread that
 * detected the breach, at the moment of detection, and {@link Sentinel#admits()} enforces it.
 */
final class ShedAction implements Action {

  @Override
  public String name() {
    return "shed";
  }

  @Override
  public MitigationResult apply(Breach breach, String sentinel) {
    return MitigationResult.success(
        name(),
        "rejecting new messages until depth <= disable threshold " + breach.disableThreshold());
  }

  @Override
  public String toString() {
    return "shed";
  }
}
