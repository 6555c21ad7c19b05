package dev.spillway.junit.internal;

/** Makes text from elsewhere (an exception's message, a server's bytes) fit on one line. */
final class OneLine {

  /** The longest text kept; longer text is cut and ends with "…". */
  static final int MAX = 400;

  private OneLine() {}

  /**
   * {@code text} with every run of white space made one space (none at the ends), every other
   * control character written as <code>&#92;uXXXX</code>, and at most {@link #MAX} characters.
   */
  static String of(String text) {
    StringBuilder out = new StringBuilder();
    boolean space = false;
    for (int i = 0; i < text.length() && out.length() <= MAX; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        if (Character.isISOControl(c)) {
          String hex = Integer.toHexString(c);
          out.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
        } else {
          out.append(c);
        }
      }
    }
    if (out.length() > MAX) {
      out.setLength(MAX - 1);
      out.append('…');
    }
    return out.toString();
  }
}
