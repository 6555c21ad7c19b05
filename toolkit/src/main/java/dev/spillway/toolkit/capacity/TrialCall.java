package dev.spillway.toolkit.capacity;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * A {@link TrialStop}'s call on a running trial: stop it now, because its rate is clearly not
 * sustained (a breach) or clearly sustained (certain before the plan's end). A trial stopped as
 * sustained is still judged by the same rules over the part of its judged window it ran; a trial
 * stopped at a breach is not sustained, whatever its verdict.
 *
 * @param sustained whether the call is that the rate is sustained
 * @param reason why, in numbers (one line); not blank
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TrialCall(boolean sustained, String reason) {

  /** Validates the components. */
  public TrialCall {
    Preconditions.notBlank(reason, "trial call reason");
  }

  /** A call that the rate is not sustained, for {@code reason}. */
  public static TrialCall breach(String reason) {
    return new TrialCall(false, reason);
  }

  /** A call that the rate is sustained, for {@code reason}. */
  public static TrialCall sustainedFor(String reason) {
    return new TrialCall(true, reason);
  }
}
