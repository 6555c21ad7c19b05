package dev.spillway.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The value rules of the report's JSON documents, as Jackson (de)serializers put on the documents'
 * fields with {@code @JsonDeserialize(using = ...)}: a rule broken is a {@link Broken} at the
 * field's path, which {@link JsonProblems} turns into {@code "field /probes/0/highWaterMark must be
 * an integer >= 0, but was -3"}. Durations are decimal milliseconds exact to the nanosecond.
 */
@SuppressWarnings(
    "serial") // Jackson's (de)serializers are Serializable; these are never serialized
final class JsonRules {

  private JsonRules() {}

  /** A value that breaks its field's rule; the message is the rule ("an integer >= 0"). */
  static final class Broken extends MismatchedInputException {
    Broken(JsonParser p, String rule, Class<?> type) {
      super(p, rule, type);
    }
  }

  /** A field of an object that is missing, or that is wrong given its neighbours. */
  static final class FieldProblem extends IllegalArgumentException {
    private final String field;

    /** {@code problem} follows the field's path: "is missing", "must be a ratio in [0, 1]...". */
    FieldProblem(String field, String problem) {
      super(problem);
      this.field = field;
    }

    String field() {
      return field;
    }

    boolean missing() {
      return getMessage().startsWith("is missing");
    }
  }

  /** Returns {@code value}, or throws a {@link FieldProblem} when it is missing (or null). */
  static <T> T required(T value, String field) {
    if (value == null) {
      throw new FieldProblem(field, "is missing");
    }
    return value;
  }

  /** A deserializer that reads one value under a rule. */
  private abstract static class Rule<T> extends StdScalarDeserializer<T> {

    Rule(Class<T> type) {
      super(type);
    }
  }

  private static Broken broken(JsonParser p, String rule) {
    return new Broken(p, rule, Object.class);
  }

  /** The number at the parser, or a {@link Broken} with {@code rule}. */
  private static BigDecimal number(JsonParser p, String rule) throws IOException {
    if (!p.currentToken().isNumeric()) {
      throw broken(p, rule);
    }
    return p.getDecimalValue();
  }

  private static long integer(JsonParser p, long min, String rule) throws IOException {
    long value;
    try {
      value = number(p, "an integer").stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw broken(p, "an integer");
    }
    if (value < min) {
      throw broken(p, rule);
    }
    return value;
  }

  private static double finite(JsonParser p, double min, String rule) throws IOException {
    double value = number(p, "a number").doubleValue();
    if (!Double.isFinite(value)) {
      throw broken(p, "a finite number");
    }
    if (value < min) {
      throw broken(p, rule);
    }
    return value;
  }

  /** The finite number &gt;= 0 at the parser, or a {@link Broken}. */
  static double notNegative(JsonParser p) throws IOException {
    return finite(p, 0, "a number >= 0");
  }

  private static Duration millis(JsonParser p) throws IOException {
    BigDecimal ms = number(p, "a number of milliseconds");
    try {
      return Duration.ofNanos(
          ms.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact());
    } catch (ArithmeticException e) {
      throw broken(p, "a number of milliseconds within ±292 years");
    }
  }

  /** Any integer. */
  static final class Integer64 extends Rule<Long> {
    Integer64() {
      super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return integer(p, Long.MIN_VALUE, "an integer");
    }
  }

  /** An integer &gt;= 0. */
  static final class Count extends Rule<Long> {
    Count() {
      super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return integer(p, 0, "an integer >= 0");
    }
  }

  /** An integer in [0, Integer.MAX_VALUE]. */
  static final class SmallCount extends Rule<Integer> {
    SmallCount() {
      super(Integer.class);
    }

    @Override
    public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String rule = "an integer in [0, " + Integer.MAX_VALUE + "]";
      long value = integer(p, 0, rule);
      if (value > Integer.MAX_VALUE) {
        throw broken(p, rule);
      }
      return (int) value;
    }
  }

  /** A finite number. */
  static final class Finite extends Rule<Double> {
    Finite() {
      super(Double.class);
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return finite(p, Double.NEGATIVE_INFINITY, "a finite number");
    }
  }

  /** A finite number &gt;= 0. */
  static final class NotNegative extends Rule<Double> {
    NotNegative() {
      super(Double.class);
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return notNegative(p);
    }
  }

  /** A number of milliseconds &gt;= 0 as a duration, rounded to the nearest nanosecond. */
  static final class Millis extends Rule<Duration> {
    Millis() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      Duration d = millis(p);
      if (d.isNegative()) {
        throw broken(p, "a number of milliseconds >= 0");
      }
      return d;
    }
  }

  /** A number of milliseconds of either sign (a time before the recording started). */
  static final class Offset extends Rule<Duration> {
    Offset() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return millis(p);
    }
  }

  /** A duration as decimal milliseconds, exact to the nanosecond. */
  static final class MillisWriter extends StdScalarSerializer<Duration> {
    MillisWriter() {
      super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeNumber(millis(value.toNanos()));
    }
  }

  /** An enum constant's name in lower case ({@code "queue"}); read back ignoring case. */
  static final class LowerCase extends StdScalarSerializer<Enum<?>> {
    @SuppressWarnings({"unchecked", "rawtypes"})
    LowerCase() {
      super((Class) Enum.class);
    }

    @Override
    public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(value.name().toLowerCase(Locale.ROOT));
    }
  }

  /** An ISO-8601 instant, {@code "2025-01-31T12:00:00Z"}. */
  static final class InstantText extends Rule<Instant> {
    InstantText() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String rule = "an ISO-8601 instant such as \"2025-01-31T12:00:00Z\"";
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw broken(p, rule);
      }
      try {
        return Instant.parse(p.getText());
      } catch (DateTimeParseException e) {
        throw broken(p, rule);
      }
    }
  }

  /** Decimal milliseconds of {@code nanos}, without trailing zeros: {@code 1234.567891}. */
  static BigDecimal millis(long nanos) {
    BigDecimal ms = BigDecimal.valueOf(nanos, 6).stripTrailingZeros();
    return ms.scale() < 0 ? ms.setScale(0) : ms;
  }
}
