package dev.spillway.toolkit.autopsy.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The rule that names the method a stack's time goes to: its <em>application frame</em>, the first
 * frame from the top whose class is outside the {@link #FRAMEWORK} packages (the JDK, and
 * Spillway's own injection and consumer-loop code, which wraps the application's); when every frame
 * is inside them, the first frame outside the JDK ({@code ConsumerLoop.loop} for a harness consumer
 * idle in {@code take()}), and when every frame is the JDK's, the top frame. Stateless.
 */
@API(status = INTERNAL, since = "0.1")
public final class Frames {

  /** The packages of the JDK: never an application frame. */
  public static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

  /**
   * The packages whose frames are skipped to find the application frame: the JDK's, and Spillway's
   * code that runs inside a consumer (its injected delays, its wrapped consumers and loops).
   */
  public static final List<String> FRAMEWORK =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          "dev.spillway.toolkit.inject.",
          "dev.spillway.junit.internal.");

  private Frames() {}

  /**
   * The application frame of {@code stack} (top first, {@code package.Class.method}); null if
   * empty.
   */
  public static String application(List<String> stack) {
    if (stack.isEmpty()) {
      return null;
    }
    for (String frame : stack) {
      if (!startsWithAny(frame, FRAMEWORK)) {
        return frame;
      }
    }
    for (String frame : stack) {
      if (!startsWithAny(frame, JDK)) {
        return frame;
      }
    }
    return stack.get(0);
  }

  private static boolean startsWithAny(String frame, List<String> prefixes) {
    for (String prefix : prefixes) {
      if (frame.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
