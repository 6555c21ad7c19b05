package dev.spillway.toolkit.sentinel;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * What one mitigation did about one breach.
 *
 * @param action the mitigation's name: {@code "log"}, {@code "shed"}, {@code "restart"} or {@code
 *     "callback"}; not blank
 * @param succeeded whether it completed without an exception
 * @param detail a one-line description, with numbers where there are any; never null
 * @param restartOutcome what a restart did with the queued messages; {@link RestartOutcome#NOTHING}
 *     for every other action and for a failed restart
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MitigationResult(
    String action, boolean succeeded, String detail, RestartOutcome restartOutcome) {

  /** Validates the components. */
  public MitigationResult {
    Preconditions.notBlank(action, "mitigation action");
    Preconditions.notNull(detail, "mitigation detail");
    Preconditions.notNull(restartOutcome, "restart outcome");
  }

  static MitigationResult success(String action, String detail) {
    return new MitigationResult(action, true, detail, RestartOutcome.NOTHING);
  }

  static MitigationResult failure(String action, String detail) {
    return new MitigationResult(action, false, detail, RestartOutcome.NOTHING);
  }
}
