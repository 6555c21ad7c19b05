package dev.spillway.junit.wiremock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.inject.FixedDelayModel;
import dev.spillway.toolkit.inject.LogNormalDelayModel;
import dev.spillway.toolkit.inject.NoDelayModel;
import dev.spillway.toolkit.inject.UniformDelayModel;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Maps the toolkit's {@link Delay} models onto WireMock's response delays, so that a WireMock
 * downstream takes as long per call as the in-process injector would:
 *
 * <ul>
 *   <li>{@link Delay#none()} → no delay;
 *   <li>{@link Delay#fixed(Duration)} → {@code withFixedDelay(ms)};
 *   <li>{@link Delay#uniform(Duration, Duration)} → {@code withUniformRandomDelay(minMs, maxMs)}
 *       (both ends included, as in the toolkit);
 *   <li>{@link Delay#logNormal(Duration, double)}, uncapped → {@code
 *       withLogNormalRandomDelay(medianMs, sigma)};
 *   <li>a {@linkplain LogNormalDelayModel#cappedAt(Duration) capped} log-normal, a {@link
 *       Delay#pareto(Duration, double) Pareto} model → {@code withRandomDelay(d)} with a
 *       distribution that draws from the toolkit's model itself.
 * </ul>
 *
 * <p>WireMock's own cap for a log-normal ({@code maxValue}) redraws a long delay up to ten times
 * instead of cutting it to the cap, which gives another distribution (a lower mean) than {@link
 * LogNormalDelayModel#cappedAt(Duration)}; WireMock has no Pareto model at all. Those two therefore
 * go through an in-process distribution that samples the toolkit's model: exact, but only usable
 * with an in-process WireMock (it cannot be sent to a remote WireMock as JSON).
 *
 * <p>WireMock delays are whole milliseconds: a fixed or uniform delay that is not a whole number of
 * milliseconds is rejected (never rounded silently); a random delay's draws are rounded to the
 * nearest millisecond, as WireMock rounds its own.
 *
 * <p>Thread-safety: stateless; all methods are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WireMockDelays {

  private WireMockDelays() {}

  /**
   * Sets {@code delay} on {@code response} and returns it.
   *
   * @param response a WireMock response definition; not null
   * @param delay the toolkit's delay model; not null
   * @throws IllegalArgumentException when a fixed or uniform delay is not a whole number of
   *     milliseconds, or does not fit WireMock's int milliseconds
   */
  public static ResponseDefinitionBuilder applyTo(ResponseDefinitionBuilder response, Delay delay) {
    Preconditions.notNull(response, "response");
    Preconditions.notNull(delay, "delay");
    if (delay instanceof NoDelayModel) {
      return response;
    }
    if (delay instanceof FixedDelayModel fixed) {
      return response.withFixedDelay(wholeMillis(fixed.delay(), "fixed delay"));
    }
    if (delay instanceof UniformDelayModel uniform) {
      return response.withUniformRandomDelay(
          wholeMillis(uniform.min(), "uniform delay min"),
          wholeMillis(uniform.max(), "uniform delay max"));
    }
    if (delay instanceof LogNormalDelayModel logNormal && !logNormal.isCapped()) {
      return response.withLogNormalRandomDelay(
          logNormal.median().toNanos() / 1e6, logNormal.sigma());
    }
    // a capped log-normal or a Pareto model: WireMock has no equivalent
    return response.withRandomDelay(new ModelDelayDistribution(delay));
  }

  /**
   * Whether {@link #applyTo} maps {@code delay} onto one of WireMock's own delays (which a remote
   * WireMock understands too), rather than an in-process distribution.
   */
  public static boolean isNative(Delay delay) {
    Preconditions.notNull(delay, "delay");
    return delay instanceof NoDelayModel
        || delay instanceof FixedDelayModel
        || delay instanceof UniformDelayModel
        || (delay instanceof LogNormalDelayModel logNormal && !logNormal.isCapped());
  }

  private static int wholeMillis(Duration d, String name) {
    Preconditions.check(
        d.toNanos() % 1_000_000 == 0,
        name,
        "a whole number of milliseconds (WireMock delays are milliseconds)",
        d);
    long millis = d.toMillis();
    Preconditions.check(
        millis <= Integer.MAX_VALUE, name, "at most " + Integer.MAX_VALUE + " ms", d);
    return (int) millis;
  }
}
