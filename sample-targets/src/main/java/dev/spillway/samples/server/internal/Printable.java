package dev.spillway.samples.server.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Client input made safe to put in a one-line answer: control and non-ASCII characters become
 * {@code \xHH} (or {@code \\uHHHH}), and long input is cut. Nothing a client sends is ever
 * reflected raw: no CR, LF or NUL reaches a response.
 *
 * <p>Thread-safety: stateless.
 */
@API(status = INTERNAL, since = "0.1")
public final class Printable {

  private Printable() {}

  /** {@code text} with every character outside printable ASCII escaped, cut to {@code max}. */
  public static String of(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    for (int i = 0; i < text.length(); i++) {
      if (out.length() >= max) {
        return out.append("... (").append(text.length()).append(" characters)").toString();
      }
      out.append(escape(text.charAt(i)));
    }
    return out.toString();
  }

  /** One character, escaped when it is not printable ASCII: {@code 'a'}, {@code \x00}. */
  public static String escape(char c) {
    if (c >= 0x20 && c < 0x7f) {
      return String.valueOf(c);
    }
    return c <= 0xff ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c);
  }

  /** Whether {@code c} is a C0 or C1 control character or DEL. */
  public static boolean isControl(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }
}
