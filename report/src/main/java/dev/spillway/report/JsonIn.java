package dev.spillway.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A JSON node with its path, read with messages that name the field (as a JSON pointer), the rule
 * and the value: {@code "field /probes/0/highWaterMark must be an integer >= 0, but was -3"}.
 */
final class JsonIn {

  private final JsonNode node;
  private final String path;

  JsonIn(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  String path() {
    return path.isEmpty() ? "/" : path;
  }

  private ReportFormatException problem(String rule) {
    return new ReportFormatException(
        "field " + path() + " must be " + rule + ", but was " + shown());
  }

  private String shown() {
    String text = node.toString();
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }

  JsonIn requireObject() {
    if (!node.isObject()) {
      throw problem("an object");
    }
    return this;
  }

  /** The field {@code name}, which must be present and not null. */
  JsonIn field(String name) {
    requireObject();
    JsonNode child = node.get(name);
    if (child == null || child.isNull()) {
      throw new ReportFormatException(
          "field " + path + "/" + name + " is missing" + (child == null ? "" : " (null)"));
    }
    return new JsonIn(child, path + "/" + name);
  }

  /** The field {@code name}, or empty when absent or null. */
  Optional<JsonIn> optional(String name) {
    requireObject();
    JsonNode child = node.get(name);
    return child == null || child.isNull()
        ? Optional.empty()
        : Optional.of(new JsonIn(child, path + "/" + name));
  }

  String text() {
    if (!node.isTextual()) {
      throw problem("a string");
    }
    return node.textValue();
  }

  String text(String name) {
    return field(name).text();
  }

  Optional<String> optionalText(String name) {
    return optional(name).map(JsonIn::text);
  }

  boolean bool(String name) {
    JsonIn f = field(name);
    if (!f.node.isBoolean()) {
      throw f.problem("true or false");
    }
    return f.node.booleanValue();
  }

  long longValue() {
    if (!node.isNumber()) {
      throw problem("an integer");
    }
    try {
      return node.decimalValue().stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw problem("an integer");
    }
  }

  long count(String name) {
    JsonIn f = field(name);
    long value = f.longValue();
    if (value < 0) {
      throw f.problem("an integer >= 0");
    }
    return value;
  }

  int smallCount(String name) {
    JsonIn f = field(name);
    long value = f.longValue();
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw f.problem("an integer in [0, " + Integer.MAX_VALUE + "]");
    }
    return (int) value;
  }

  OptionalLong optionalCount(String name) {
    Optional<JsonIn> f = optional(name);
    return f.isEmpty() ? OptionalLong.empty() : OptionalLong.of(count(name));
  }

  double doubleValue() {
    if (!node.isNumber()) {
      throw problem("a number");
    }
    double value = node.decimalValue().doubleValue();
    if (!Double.isFinite(value)) {
      throw problem("a finite number");
    }
    return value;
  }

  double number(String name) {
    return field(name).doubleValue();
  }

  double notNegative(String name) {
    JsonIn f = field(name);
    double value = f.doubleValue();
    if (value < 0) {
      throw f.problem("a number >= 0");
    }
    return value;
  }

  OptionalDouble optionalNumber(String name) {
    Optional<JsonIn> f = optional(name);
    return f.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(f.get().doubleValue());
  }

  OptionalDouble optionalNotNegative(String name) {
    Optional<JsonIn> f = optional(name);
    return f.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(notNegative(name));
  }

  /** A number of milliseconds as nanoseconds, rounded to the nearest nanosecond. */
  long nanosFromMillis() {
    if (!node.isNumber()) {
      throw problem("a number of milliseconds");
    }
    try {
      return node.decimalValue()
          .movePointRight(6)
          .setScale(0, RoundingMode.HALF_UP)
          .longValueExact();
    } catch (ArithmeticException e) {
      throw problem("a number of milliseconds within ±292 years");
    }
  }

  /** The field {@code name} (milliseconds) as a duration; any sign. */
  Duration offset(String name) {
    return Duration.ofNanos(field(name).nanosFromMillis());
  }

  /** The field {@code name} (milliseconds) as a duration &gt;= 0. */
  Duration duration(String name) {
    JsonIn f = field(name);
    long nanos = f.nanosFromMillis();
    if (nanos < 0) {
      throw f.problem("a number of milliseconds >= 0");
    }
    return Duration.ofNanos(nanos);
  }

  Optional<Duration> optionalDuration(String name) {
    return optional(name).isEmpty() ? Optional.empty() : Optional.of(duration(name));
  }

  Instant instant(String name) {
    JsonIn f = field(name);
    try {
      return Instant.parse(f.text());
    } catch (DateTimeParseException e) {
      throw f.problem("an ISO-8601 instant such as \"2025-01-31T12:00:00Z\"");
    }
  }

  <E extends Enum<E>> E enumValue(Class<E> type) {
    String text = text();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text)) {
        return constant;
      }
    }
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name());
    }
    throw problem("one of " + names);
  }

  <E extends Enum<E>> E enumValue(String name, Class<E> type) {
    return field(name).enumValue(type);
  }

  /** The array field {@code name}, each element read by {@code reader}; empty when absent. */
  <T> List<T> list(String name, Function<JsonIn, T> reader) {
    Optional<JsonIn> f = optional(name);
    if (f.isEmpty()) {
      return List.of();
    }
    return f.get().elements(reader);
  }

  <T> List<T> elements(Function<JsonIn, T> reader) {
    if (!node.isArray()) {
      throw problem("an array");
    }
    List<T> values = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      values.add(reader.apply(new JsonIn(node.get(i), path + "/" + i)));
    }
    return values;
  }

  /** The array field {@code name} of numbers, read by {@code reader} into longs. */
  long[] longs(String name, java.util.function.ToLongFunction<JsonIn> reader) {
    JsonIn f = field(name);
    if (!f.node.isArray()) {
      throw f.problem("an array");
    }
    long[] values = new long[f.node.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = reader.applyAsLong(new JsonIn(f.node.get(i), f.path + "/" + i));
    }
    return values;
  }

  long countValue() {
    long value = longValue();
    if (value < 0) {
      throw problem("an integer >= 0");
    }
    return value;
  }

  /** The object field {@code name} of strings, in order; empty when absent. */
  Map<String, String> strings(String name) {
    Optional<JsonIn> f = optional(name);
    Map<String, String> values = new LinkedHashMap<>();
    if (f.isEmpty()) {
      return values;
    }
    f.get().requireObject();
    for (Map.Entry<String, JsonNode> e : f.get().node.properties()) {
      values.put(e.getKey(), new JsonIn(e.getValue(), f.get().path + "/" + e.getKey()).text());
    }
    return values;
  }

  /** The names of an object's fields. */
  List<String> fieldNames() {
    requireObject();
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      names.add(e.getKey());
    }
    return names;
  }

  /** Rethrows a model's validation error as a format error at this path. */
  <T> T build(java.util.function.Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw new ReportFormatException(
          "object " + path() + " is not valid: " + lowerFirst(e.getMessage()));
    }
  }

  private static String lowerFirst(String s) {
    return s == null || s.isEmpty()
        ? "" + s
        : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }

  /** A decimal number of milliseconds, exact to the nanosecond, for writing. */
  static BigDecimal millis(Duration d) {
    return millis(d.toNanos());
  }

  static BigDecimal millis(long nanos) {
    BigDecimal ms = BigDecimal.valueOf(nanos, 6).stripTrailingZeros();
    return ms.scale() < 0 ? ms.setScale(0) : ms;
  }
}
