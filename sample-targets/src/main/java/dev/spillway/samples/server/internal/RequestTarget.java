package dev.spillway.samples.server.internal;

import java.util.Locale;

/**
 * The request target's syntax (RFC 3986 as RFC 9112 uses it): origin form ({@code /path?query}) or
 * absolute form ({@code http://host/path?query}, reduced to its origin form). Every character must
 * be one a URI allows, and every {@code %} must start a two-digit hex escape.
 *
 * <p>Thread-safety: stateless.
 */
final class RequestTarget {

  private static final String ALLOWED = "-._~!$&'()*+,;=:@/?%";
  private static final int ECHO = 60;

  private RequestTarget() {}

  /** The origin form of {@code target}, checked. */
  static String originForm(String target) throws Refusal {
    String t = target;
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      int slash = t.indexOf('/', lower.indexOf("//") + 2);
      String authority = t.substring(lower.indexOf("//") + 2, slash < 0 ? t.length() : slash);
      check(authority, "the request target's host", 0);
      t = slash < 0 ? "/" : t.substring(slash);
    }
    if (t.isEmpty() || t.charAt(0) != '/') {
      throw Refusal.badRequest(
          "the request target must start with /, but was '" + Printable.of(target, ECHO) + "'");
    }
    check(t, "the request target", 0);
    return t;
  }

  private static void check(String t, String what, int offset) throws Refusal {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '%') {
        if (i + 2 >= t.length() || !isHex(t.charAt(i + 1)) || !isHex(t.charAt(i + 2))) {
          throw Refusal.badRequest(
              "malformed percent-encoding in "
                  + what
                  + " at position "
                  + (offset + i + 1)
                  + ": '%' must be followed by two hex digits, but was followed by "
                  + (i + 1 == t.length()
                      ? "nothing"
                      : "'"
                          + Printable.of(t.substring(i + 1, Math.min(t.length(), i + 3)), 8)
                          + "'"));
        }
        i += 2;
      } else if (!isAllowed(c)) {
        throw Refusal.badRequest(
            what
                + " must contain only URI characters (percent-encode others), but had '"
                + Printable.escape(c)
                + "' at position "
                + (offset + i + 1));
      }
    }
  }

  private static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || ALLOWED.indexOf(c) >= 0;
  }

  static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
