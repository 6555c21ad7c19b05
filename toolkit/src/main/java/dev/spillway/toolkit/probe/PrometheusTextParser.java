package dev.spillway.toolkit.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the Prometheus text exposition format, version 0.0.4 (what a {@code /metrics} endpoint
 * answers to {@code Accept: text/plain;version=0.0.4}).
 *
 * <p>What it accepts, line by line ({@code \n} ends a line; a {@code \r} before it is tolerated):
 *
 * <ul>
 *   <li>empty and blank lines, ignored;
 *   <li>{@code # HELP name docstring} and {@code # TYPE name type} (the name is checked, and the
 *       type is one of counter, gauge, histogram, summary, untyped), other {@code #} comments
 *       ignored;
 *   <li>samples: {@code metric_name [ "{" label="value" { "," label="value" } [ "," ] "}" ] value [
 *       timestamp ]}, blanks (spaces, tabs) allowed between tokens. Label values unescape {@code
 *       \"}, {@code \\} and {@code \n}; another backslash pair is kept as written, as Prometheus
 *       does. The value is a decimal float or {@code NaN}, {@code +Inf}, {@code -Inf} (any case,
 *       {@code Infinity} too); the timestamp an integer of milliseconds.
 * </ul>
 *
 * <p>Anything else is a {@link PrometheusFormatException} naming the line: like a Prometheus
 * scrape, one malformed line fails the whole exposition. Not supported: hexadecimal floats, the
 * OpenMetrics extras (exemplars, float timestamps) and quoted UTF-8 metric names.
 *
 * <p>Thread-safety: stateless; all methods thread-safe.
 */
final class PrometheusTextParser {

  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern TIMESTAMP = Pattern.compile("[+-]?[0-9]{1,19}");

  private PrometheusTextParser() {}

  /** Every sample of {@code text}, in order. */
  static List<PrometheusSample> parse(String text) {
    List<PrometheusSample> samples = new ArrayList<>();
    int start = 0;
    int lineNumber = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      lineNumber++;
      int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      PrometheusSample sample = new Line(text.substring(start, stop), lineNumber).parse();
      if (sample != null) {
        samples.add(sample);
      }
      start = end + 1;
    }
    return samples;
  }

  /** Whether {@code name} is a valid metric name: {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
  static boolean isMetricName(String name) {
    if (name.isEmpty() || !isNameStart(name.charAt(0), true)) {
      return false;
    }
    return name.chars().allMatch(c -> isNamePart((char) c, true));
  }

  /** Whether {@code name} is a valid label name: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
  static boolean isLabelName(String name) {
    if (name.isEmpty() || !isNameStart(name.charAt(0), false)) {
      return false;
    }
    return name.chars().allMatch(c -> isNamePart((char) c, false));
  }

  /** {@code labels} as the format writes them: {@code {a="x",b="y \"quoted\""}}. */
  static String formatLabels(Map<String, String> labels) {
    StringBuilder out = new StringBuilder("{");
    labels.forEach(
        (name, value) -> {
          if (out.length() > 1) {
            out.append(',');
          }
          out.append(name).append("=\"");
          for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
              case '\\' -> out.append("\\\\");
              case '"' -> out.append("\\\"");
              case '\n' -> out.append("\\n");
              default -> out.append(c);
            }
          }
          out.append('"');
        });
    return out.append('}').toString();
  }

  private static boolean isNameStart(char c, boolean colonAllowed) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '_'
        || (colonAllowed && c == ':');
  }

  private static boolean isNamePart(char c, boolean colonAllowed) {
    return isNameStart(c, colonAllowed) || (c >= '0' && c <= '9');
  }

  /** A cursor over one line. */
  private static final class Line {
    private final String text;
    private final int number;
    private int pos;

    Line(String text, int number) {
      this.text = text;
      this.number = number;
    }

    /** The line's sample, or null for a blank line or a comment. */
    PrometheusSample parse() {
      skipBlanks();
      if (atEnd()) {
        return null;
      }
      if (peek() == '#') {
        comment();
        return null;
      }
      String name = name(true, "a metric name");
      Map<String, String> labels = new LinkedHashMap<>();
      boolean blank = skipBlanks();
      if (!atEnd() && peek() == '{') {
        pos++;
        labels(labels);
        skipBlanks();
      } else if (!blank && !atEnd()) {
        throw error("expected a blank or '{' after the metric name, found " + found());
      }
      double value = value(token("a value"));
      OptionalLong timestamp = OptionalLong.empty();
      skipBlanks();
      if (!atEnd()) {
        timestamp = OptionalLong.of(timestamp(token("a timestamp")));
        skipBlanks();
        if (!atEnd()) {
          throw error("unexpected '" + text.substring(pos) + "' after the timestamp");
        }
      }
      return new PrometheusSample(name, labels, value, timestamp, number);
    }

    private void comment() {
      pos++;
      skipBlanks();
      String keyword = wordOrEmpty();
      if (!keyword.equals("HELP") && !keyword.equals("TYPE")) {
        return;
      }
      if (!atEnd() && !isBlank(peek())) {
        return; // "# HELPFUL remark": just a comment
      }
      skipBlanks();
      name(true, "a metric name after # " + keyword);
      if (keyword.equals("TYPE")) {
        skipBlanks();
        String type = token("a metric type after # TYPE");
        if (!TYPES.contains(type)) {
          throw error("unknown metric type '" + type + "', expected one of " + TYPES);
        }
        skipBlanks();
        if (!atEnd()) {
          throw error("unexpected '" + text.substring(pos) + "' after the metric type");
        }
      } else if (!atEnd() && !isBlank(peek())) {
        throw error("expected a blank after the metric name in # HELP");
      }
    }

    private void labels(Map<String, String> labels) {
      while (true) {
        skipBlanks();
        if (atEnd()) {
          throw error("unterminated label set, expected '}'");
        }
        if (peek() == '}') {
          pos++;
          return;
        }
        String label = name(false, "a label name");
        skipBlanks();
        expect('=');
        skipBlanks();
        expect('"');
        String value = labelValue();
        if (labels.putIfAbsent(label, value) != null) {
          throw error("label '" + label + "' appears twice");
        }
        skipBlanks();
        if (atEnd()) {
          throw error("unterminated label set, expected ',' or '}'");
        }
        char c = peek();
        if (c == ',') {
          pos++;
        } else if (c != '}') {
          throw error(
              "expected ',' or '}' after the value of label '" + label + "', found '" + c + "'");
        }
      }
    }

    private String labelValue() {
      StringBuilder value = new StringBuilder();
      while (!atEnd()) {
        char c = text.charAt(pos++);
        if (c == '"') {
          return value.toString();
        }
        if (c == '\\') {
          if (atEnd()) {
            break;
          }
          char escaped = text.charAt(pos++);
          switch (escaped) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default -> value.append('\\').append(escaped);
          }
        } else {
          value.append(c);
        }
      }
      throw error("unterminated label value, expected a closing '\"'");
    }

    private String name(boolean metric, String what) {
      int start = pos;
      if (atEnd() || !isNameStart(peek(), metric)) {
        throw error("expected " + what + ", found " + found());
      }
      while (!atEnd() && isNamePart(peek(), metric)) {
        pos++;
      }
      return text.substring(start, pos);
    }

    private double value(String token) {
      String lower = token.toLowerCase(Locale.ROOT);
      String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
      if (unsigned.equals("inf") || unsigned.equals("infinity")) {
        return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      if (lower.equals("nan")) {
        return Double.NaN;
      }
      if (!DECIMAL.matcher(token).matches()) {
        throw error("'" + token + "' is not a sample value (a float, NaN, +Inf or -Inf)");
      }
      return Double.parseDouble(token);
    }

    private long timestamp(String token) {
      if (!TIMESTAMP.matcher(token).matches()) {
        throw error("'" + token + "' is not a timestamp (an integer of milliseconds)");
      }
      try {
        return Long.parseLong(token);
      } catch (NumberFormatException e) {
        throw error("timestamp '" + token + "' is out of range");
      }
    }

    private String token(String what) {
      int start = pos;
      while (!atEnd() && !isBlank(peek())) {
        pos++;
      }
      if (start == pos) {
        throw error("expected " + what + ", found the end of the line");
      }
      return text.substring(start, pos);
    }

    private String wordOrEmpty() {
      int start = pos;
      while (!atEnd() && Character.isLetter(peek())) {
        pos++;
      }
      return text.substring(start, pos);
    }

    private void expect(char c) {
      if (atEnd() || peek() != c) {
        throw error("expected '" + c + "', found " + found());
      }
      pos++;
    }

    private String found() {
      return atEnd() ? "the end of the line" : "'" + peek() + "'";
    }

    /** Skips spaces and tabs; whether there were any. */
    private boolean skipBlanks() {
      int start = pos;
      while (!atEnd() && isBlank(peek())) {
        pos++;
      }
      return pos > start;
    }

    private static boolean isBlank(char c) {
      return c == ' ' || c == '\t';
    }

    private boolean atEnd() {
      return pos >= text.length();
    }

    private char peek() {
      return text.charAt(pos);
    }

    private PrometheusFormatException error(String reason) {
      return new PrometheusFormatException(number, reason);
    }
  }
}
