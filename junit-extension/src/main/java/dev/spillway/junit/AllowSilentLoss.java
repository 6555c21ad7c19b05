package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Turns off the check that no message is lost silently, which every {@link OverloadTest} makes by
 * default.
 *
 * <p>By default, when a run ends and its books have settled (see {@link OverloadHarness}), no
 * message may have vanished: every message sent must have been processed, rejected, dropped or
 * failed, or still be queued or inside a consumer. The check is the verdict's: a run whose verdict
 * is {@link dev.spillway.toolkit.verdict.Verdict#LOST LOST} fails with the verdict's account, e.g.
 * {@code "12 messages lost silently (taken at rest: nothing queued); 12 messages unaccounted for:
 * 3,000 sent, but only 2,988 accounted for (2,000 processed + 988 rejected)"}. A test that expects
 * the loss says so with {@code @ExpectVerdict(Verdict.LOST)}, which judges it instead.
 *
 * <p>Opt out only for a component that loses messages on purpose and does not count it, and say
 * why:
 *
 * <pre>{@code
 * @AllowSilentLoss("the legacy buffer drops the oldest entries without telling anyone")
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface AllowSilentLoss {

  /** Why losing messages silently is acceptable here; not blank. */
  String value();
}
