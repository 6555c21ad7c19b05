package dev.spillway.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A check, by something the target depends on (a downstream, the machine), of whether the figures
 * of a run are the target's own: when it finds they are not — a downstream that could not serve
 * faster, say — its one-sentence caveat goes with the run's result, so that nobody blames the
 * target for a limit that is not its own. The run's verdict stays as measured; the caveat says how
 * to read it.
 *
 * <p>Register one with {@link OverloadHarness#caveat} from the test's body, or with {@link
 * OverloadHooks#addCaveat} from another extension (as {@code @WireMockDownstream} does). A caveat
 * that speaks appears in {@link OverloadResult#caveats()}, at the end of {@link
 * OverloadResult#summary()}, in the explanation of every watched queue's {@linkplain
 * OverloadResult#assessment(String) assessment} (and so in an {@link ExpectVerdict} failure) and in
 * the run's report.
 *
 * <p>Both methods are called on the run's thread, once per run, {@link #loadStarting()} first.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface OverloadCaveat {

  /** Called just before the load starts, e.g. to start counting from there. Default: nothing. */
  default void loadStarting() {}

  /**
   * Called when the load has ended (before the drain is awaited).
   *
   * @return the caveat, one sentence with the numbers behind it; empty when the figures of the run
   *     are the target's own as far as this check can tell
   */
  Optional<String> afterLoad();
}
