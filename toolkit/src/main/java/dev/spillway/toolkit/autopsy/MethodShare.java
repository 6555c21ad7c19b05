package dev.spillway.toolkit.autopsy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The share of the watched threads' time spent under one method: the <em>application frame</em> of
 * a stack (see {@link Autopsy} for the rule) — the first frame from the top outside the JDK and
 * Spillway's own injection code, so that {@code OrderRepository.insert} is named even when the top
 * frame is the {@code Thread.sleep} it calls. Immutable.
 *
 * @param method the method, {@code package.Class.method} (a nested class as {@code Outer$Inner})
 * @param share the share of the watched threads' time under it, in [0, 1]: its execution samples'
 *     time and the waits (sleeping, parked, blocked) whose stack it heads
 * @param selfShare the part of {@code share} in which it was itself the top frame (running its own
 *     code), in [0, {@code share}]
 * @param waitShare the part of {@code share} spent waiting below it (sleeping, parked, blocked on a
 *     monitor, in {@code Object.wait}), in [0, {@code share} − {@code selfShare}]
 * @param mostlyIn the top frame that took the largest part of its time when that was not itself
 *     (e.g. {@code java.lang.Thread.sleep}); empty when it was itself
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MethodShare(
    String method, double share, double selfShare, double waitShare, Optional<String> mostlyIn) {

  private static final double SLACK = 1e-9;

  /** Validates the components. */
  public MethodShare {
    Preconditions.notBlank(method, "method");
    Shares.check(share, "share of " + method);
    Shares.check(selfShare, "self share of " + method);
    Shares.check(waitShare, "wait share of " + method);
    Preconditions.check(
        selfShare + waitShare <= share + SLACK,
        "self and wait shares of " + method,
        "at most its share " + share,
        selfShare + " + " + waitShare);
    Preconditions.notNull(mostlyIn, "top frame of " + method);
  }

  /** The method with its class's simple name: {@code OrderRepository.insert}. */
  public String shortName() {
    return shortName(method);
  }

  /** {@code frame} ({@code package.Class.method}) with its class's simple name. */
  static String shortName(String frame) {
    int dot = frame.lastIndexOf('.');
    if (dot <= 0) {
      return frame;
    }
    int classDot = frame.lastIndexOf('.', dot - 1);
    return frame.substring(classDot + 1);
  }
}
