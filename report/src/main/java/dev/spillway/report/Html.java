package dev.spillway.report;

import dev.spillway.toolkit.verdict.Verdict;
import java.util.Locale;
import java.util.Optional;

/** HTML escaping and the few fragments every page uses. Stateless. */
final class Html {

  private Html() {}

  /**
   * {@code text} escaped for HTML text and for quoted attribute values alike: {@code & < > " '}
   * become entities, and control characters other than tab, newline and carriage return are
   * dropped.
   */
  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * {@code text} escaped as by {@link #esc}, with a line-break opportunity ({@code <wbr>}) after
   * every {@code .}, {@code _} and {@code /}: a test's name ({@code Class.method_under_condition})
   * then wraps between its parts rather than anywhere.
   */
  static String wrappable(String text) {
    return esc(text).replaceAll("([._/])(?=.)", "$1<wbr>");
  }

  /** The CSS class of a verdict badge. */
  static String verdictClass(Optional<Verdict> verdict) {
    return "v-" + verdict.map(v -> v.name().toLowerCase(Locale.ROOT)).orElse("none");
  }

  /** A verdict badge. */
  static String badge(Optional<Verdict> verdict) {
    return "<span class=\"badge "
        + verdictClass(verdict)
        + "\">"
        + verdict.map(Verdict::name).orElse("NOT JUDGED")
        + "</span>";
  }

  /**
   * The start of a page: doctype, head with the inline style, body; {@code wide} lets the body take
   * up to the wide layout's width (the index's tables) instead of the reading width.
   */
  static void head(StringBuilder out, String title, boolean wide) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(esc(title))
        .append("</title>\n<style>\n")
        .append(Styles.CSS)
        .append("</style>\n</head>\n")
        .append(wide ? "<body class=\"wide\">\n" : "<body>\n");
  }

  static void tail(StringBuilder out) {
    out.append(
        "<footer>Written by Spillway; this page needs no network: no script, font or"
            + " stylesheet is loaded from anywhere.</footer>\n</body>\n</html>\n");
  }
}
