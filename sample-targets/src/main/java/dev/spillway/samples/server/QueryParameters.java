package dev.spillway.samples.server;

import dev.spillway.samples.server.internal.Printable;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A query string ({@code a=1&b=2}) read strictly: {@code +} is a space, every {@code %} starts a
 * two-digit hex escape, the decoded bytes must be UTF-8, no name or value may hold a control
 * character, and no name may appear twice. Anything else is an {@link IllegalArgumentException}
 * whose one-line message names the parameter (as {@link Printable} shows it).
 *
 * <p>Thread-safety: stateless.
 */
final class QueryParameters {

  private static final int ECHO = 40;

  private QueryParameters() {}

  /** The parameters of {@code rawQuery} (null: none), by name, in order. */
  static Map<String, String> parse(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = decode(rawName, "query parameter name '" + Printable.of(rawName, ECHO) + "'");
      String shown = "query parameter '" + Printable.of(name, ECHO) + "'";
      if (name.chars().anyMatch(Printable::isControl)) {
        throw new IllegalArgumentException(shown + " must not have control characters in its name");
      }
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), shown);
      for (int i = 0; i < value.length(); i++) {
        if (Printable.isControl(value.charAt(i))) {
          throw new IllegalArgumentException(
              shown
                  + " must not contain control characters, but had "
                  + Printable.escape(value.charAt(i))
                  + " at position "
                  + (i + 1));
        }
      }
      counts.merge(name, 1, Integer::sum);
      parameters.putIfAbsent(name, value);
    }
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > 1) {
        throw new IllegalArgumentException(
            "query parameter '"
                + Printable.of(e.getKey(), ECHO)
                + "' must be given once, but was given "
                + e.getValue()
                + " times");
      }
    }
    return parameters;
  }

  /** Percent-decodes {@code raw} strictly; {@code what} names it in the message. */
  static String decode(String raw, String what) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        int hi = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException(
              what + " has a malformed percent-encoding: '%' must be followed by two hex digits");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c > 0x7f) {
        throw new IllegalArgumentException(what + " must be percent-encoded ASCII");
      } else {
        bytes.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          what
              + " must be UTF-8 once percent-decoded, but was not: '"
              + Printable.of(raw, ECHO)
              + "'",
          e);
    }
  }
}
