package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Turns off the check that no message is lost silently, which every {@link OverloadTest} makes by
 * default.
 *
 * <p>By default, when a run ends (after the drain, if one is declared) the books must balance:
 * every message sent must have been processed, rejected, dropped or failed, or still be queued in a
 * watched queue ({@link dev.spillway.toolkit.ledger.LedgerSnapshot#isBalanced()}). Messages still
 * inside a handler get up to {@value OverloadHarness#SETTLE_MILLIS} ms to finish. A test whose
 * books do not balance fails with the ledger's account, e.g. {@code "12 messages unaccounted for
 * (silently lost): 3,000 sent, but only 2,988 accounted for (2,000 processed + 988 rejected)"}.
 *
 * <p>Opt out only for a component that loses messages on purpose and does not count it, and say
 * why:
 *
 * <pre>{@code
 * @AllowSilentLoss("the legacy buffer drops the oldest entries without telling anyone")
 * }</pre>
 */
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface AllowSilentLoss {

  /** Why losing messages silently is acceptable here; not blank. */
  String value();
}
