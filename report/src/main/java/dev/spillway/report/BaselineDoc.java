package dev.spillway.report;

import static dev.spillway.report.JsonRules.required;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.spillway.toolkit.verdict.Verdict;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A {@value BaselineJson#SCHEMA} document as Jackson binds it. Strict: an unknown key is an error
 * (a misspelt figure would silently stop being gated); only {@code comment} keys are ignored. In a
 * test, a figure key left out is not gated and a figure written {@code null} is gated as absent:
 * {@link StatedFigure} tells the two apart.
 */
@JsonPropertyOrder({"schema", "comment", "tolerances", "tests"})
@SuppressWarnings(
    "serial") // Jackson's (de)serializers are Serializable; these are never serialized
record BaselineDoc(String schema, String comment, Tolerances tolerances, Tests tests) {

  private static final String COMMENT =
      "Spillway regression baseline: a figure fails the gate when it rises above its baseline by"
          + " more than max(relative × baseline, absolute), or when a verdict changes; a"
          + " capacity knee fails when it falls by more than its tolerance plus the new"
          + " search's interval."
          + " Rewrite with ReportTool --write.";

  BaselineDoc {
    required(tests, "tests");
    if (tests.entries.isEmpty()) {
      throw new JsonRules.FieldProblem(
          "tests",
          "holds no test: a baseline that gates nothing would pass any result;"
              + " write one from results with ReportTool --write");
    }
  }

  static BaselineDoc of(Baseline baseline) {
    Tests tests = new Tests();
    baseline.tests().forEach((id, entry) -> tests.put(id, Entry.of(entry)));
    return new BaselineDoc(
        BaselineJson.SCHEMA,
        COMMENT,
        Tolerances.of(baseline.tolerances(), Optional.of(baseline.capacityTolerance())),
        tests);
  }

  Baseline toBaseline() {
    Map<Figure, Tolerance> global = new EnumMap<>(Figure.class);
    for (Figure f : Figure.values()) {
      global.put(f, Tolerance.defaultFor(f));
    }
    Tolerance capacity = Tolerance.defaultForCapacity();
    if (tolerances != null) {
      global.putAll(tolerances.over(global));
      capacity = tolerances.capacityOver(capacity).orElse(capacity);
    }
    Tolerance globalCapacity = capacity;
    Map<String, BaselineEntry> entries = new LinkedHashMap<>();
    tests.entries.forEach((id, entry) -> entries.put(id, entry.toEntry(global, globalCapacity)));
    return new Baseline(global, entries, globalCapacity);
  }

  /** The tests by run id, and a {@code comment}. */
  static final class Tests {
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    @JsonProperty("comment")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    String comment;

    @JsonAnySetter
    void put(String id, Entry entry) {
      entries.put(id, required(entry, id));
    }

    @JsonAnyGetter
    Map<String, Entry> entries() {
      return entries;
    }
  }

  /** One test: its verdict (required, {@code null} when not judged), figures and tolerances. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Entry(
      StatedVerdict verdict,
      StatedFigure highWaterMark,
      StatedFigure drainTimeMs,
      StatedFigure p99Ms,
      StatedFigure shedRatio,
      CapacityDoc capacity,
      Tolerances tolerances,
      String comment) {

    Entry {
      if (verdict == null) {
        throw new JsonRules.FieldProblem(
            "verdict", "is missing (write null for a test that was not judged)");
      }
      if (shedRatio != null && shedRatio.value != null && shedRatio.value.doubleValue() > 1) {
        throw new JsonRules.FieldProblem(
            "shedRatio", "must be a ratio in [0, 1], but was " + shedRatio.value.doubleValue());
      }
    }

    static Entry of(BaselineEntry e) {
      Map<Figure, StatedFigure> figures = new EnumMap<>(Figure.class);
      e.figures()
          .forEach(
              (f, v) ->
                  figures.put(
                      f, new StatedFigure(v.isPresent() ? rounded(f, v.getAsDouble()) : null)));
      return new Entry(
          new StatedVerdict(e.verdict().orElse(null)),
          figures.get(Figure.HIGH_WATER_MARK),
          figures.get(Figure.DRAIN_TIME),
          figures.get(Figure.P99),
          figures.get(Figure.SHED_RATIO),
          e.capacity().map(CapacityDoc::of).orElse(null),
          e.tolerances().isEmpty() && e.capacityTolerance().isEmpty()
              ? null
              : Tolerances.of(e.tolerances(), e.capacityTolerance()),
          null);
    }

    BaselineEntry toEntry(Map<Figure, Tolerance> global, Tolerance globalCapacity) {
      Map<Figure, OptionalDouble> figures = new EnumMap<>(Figure.class);
      for (Figure f : Figure.values()) {
        StatedFigure value = figure(f, highWaterMark, drainTimeMs, p99Ms, shedRatio);
        if (value != null) {
          figures.put(f, value.toOptional());
        }
      }
      return new BaselineEntry(
          Optional.ofNullable(verdict.value),
          figures,
          tolerances == null ? Map.of() : tolerances.over(global),
          Optional.ofNullable(capacity).map(CapacityDoc::toCapacity),
          tolerances == null ? Optional.empty() : tolerances.capacityOver(globalCapacity));
    }
  }

  /**
   * A {@link BaselineCapacity}: the knee ({@code null} when no trial sustained its rate) and the
   * interval the capacity lay in, per second.
   */
  @JsonPropertyOrder({"kneePerSecond", "lowPerSecond", "highPerSecond"})
  record CapacityDoc(
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double kneePerSecond,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double lowPerSecond,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double highPerSecond) {

    CapacityDoc {
      required(lowPerSecond, "lowPerSecond");
      required(highPerSecond, "highPerSecond");
      if (highPerSecond < lowPerSecond) {
        throw new JsonRules.FieldProblem(
            "highPerSecond",
            "must be >= lowPerSecond " + lowPerSecond + ", but was " + highPerSecond);
      }
      if (kneePerSecond != null && kneePerSecond < lowPerSecond) {
        throw new JsonRules.FieldProblem(
            "kneePerSecond",
            "must be >= lowPerSecond " + lowPerSecond + ", but was " + kneePerSecond);
      }
    }

    static CapacityDoc of(BaselineCapacity c) {
      return new CapacityDoc(RunDoc.boxed(c.knee()), c.low(), c.high());
    }

    BaselineCapacity toCapacity() {
      return new BaselineCapacity(RunDoc.optional(kneePerSecond), lowPerSecond, highPerSecond);
    }
  }

  /** The tolerances by figure key, each optional. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Tolerances(
      ToleranceDoc highWaterMark,
      ToleranceDoc drainTimeMs,
      ToleranceDoc p99Ms,
      ToleranceDoc shedRatio,
      ToleranceDoc capacityKnee,
      String comment) {

    static Tolerances of(Map<Figure, Tolerance> tolerances, Optional<Tolerance> capacity) {
      Map<Figure, ToleranceDoc> t = new EnumMap<>(Figure.class);
      tolerances.forEach((f, v) -> t.put(f, ToleranceDoc.of(v)));
      return new Tolerances(
          t.get(Figure.HIGH_WATER_MARK),
          t.get(Figure.DRAIN_TIME),
          t.get(Figure.P99),
          t.get(Figure.SHED_RATIO),
          capacity.map(ToleranceDoc::of).orElse(null),
          null);
    }

    /** The capacity tolerance given, a field left out taken from {@code fallback}; or none. */
    Optional<Tolerance> capacityOver(Tolerance fallback) {
      if (capacityKnee == null) {
        return Optional.empty();
      }
      return Optional.of(
          new Tolerance(
              capacityKnee.relative != null ? capacityKnee.relative : fallback.relative(),
              capacityKnee.absolute != null ? capacityKnee.absolute : fallback.absolute()));
    }

    /** The tolerances given, a field left out taken from {@code fallback}. */
    Map<Figure, Tolerance> over(Map<Figure, Tolerance> fallback) {
      Map<Figure, Tolerance> result = new EnumMap<>(Figure.class);
      for (Figure f : Figure.values()) {
        ToleranceDoc t = figure(f, highWaterMark, drainTimeMs, p99Ms, shedRatio);
        if (t != null) {
          Tolerance base = fallback.get(f);
          result.put(
              f,
              new Tolerance(
                  t.relative != null ? t.relative : base.relative(),
                  t.absolute != null ? t.absolute : base.absolute()));
        }
      }
      return result;
    }
  }

  /** A tolerance; a field left out comes from the global tolerance, then the default. */
  @JsonPropertyOrder({"relative", "absolute", "comment"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ToleranceDoc(
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double relative,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double absolute,
      String comment) {

    static ToleranceDoc of(Tolerance t) {
      return new ToleranceDoc(t.relative(), t.absolute(), null);
    }
  }

  /**
   * A figure written in the document, perhaps as {@code null} (the run did not have it); a key left
   * out binds to a Java {@code null} instead (not gated).
   */
  @JsonSerialize(using = StatedFigure.Writer.class)
  @JsonDeserialize(using = StatedFigure.Reader.class)
  record StatedFigure(BigDecimal value) {

    OptionalDouble toOptional() {
      return value == null ? OptionalDouble.empty() : OptionalDouble.of(value.doubleValue());
    }

    static final class Reader extends StdDeserializer<StatedFigure> {
      Reader() {
        super(StatedFigure.class);
      }

      @Override
      public StatedFigure deserialize(JsonParser p, DeserializationContext ctxt)
          throws IOException {
        JsonRules.notNegative(p); // the rule, at this field's path
        return new StatedFigure(p.getDecimalValue());
      }

      @Override
      public StatedFigure getNullValue(DeserializationContext ctxt) {
        return new StatedFigure(null);
      }

      @Override
      public Object getAbsentValue(DeserializationContext ctxt) {
        return null;
      }
    }

    static final class Writer extends StdSerializer<StatedFigure> {
      Writer() {
        super(StatedFigure.class);
      }

      @Override
      public void serialize(StatedFigure stated, JsonGenerator gen, SerializerProvider provider)
          throws IOException {
        if (stated.value == null) {
          gen.writeNull();
        } else {
          gen.writeNumber(stated.value);
        }
      }
    }
  }

  /** A verdict written in the document, perhaps as {@code null} (not judged), or left out. */
  @JsonSerialize(using = StatedVerdict.Writer.class)
  @JsonDeserialize(using = StatedVerdict.Reader.class)
  record StatedVerdict(Verdict value) {

    static final class Reader extends StdDeserializer<StatedVerdict> {
      Reader() {
        super(StatedVerdict.class);
      }

      @Override
      public StatedVerdict deserialize(JsonParser p, DeserializationContext ctxt)
          throws IOException {
        return new StatedVerdict(ctxt.readValue(p, Verdict.class));
      }

      @Override
      public StatedVerdict getNullValue(DeserializationContext ctxt) {
        return new StatedVerdict(null);
      }

      @Override
      public Object getAbsentValue(DeserializationContext ctxt) {
        return null;
      }
    }

    static final class Writer extends StdSerializer<StatedVerdict> {
      Writer() {
        super(StatedVerdict.class);
      }

      @Override
      public void serialize(StatedVerdict stated, JsonGenerator gen, SerializerProvider provider)
          throws IOException {
        if (stated.value == null) {
          gen.writeNull();
        } else {
          gen.writeString(stated.value.name());
        }
      }
    }
  }

  private static <T> T figure(Figure f, T highWaterMark, T drainTime, T p99, T shedRatio) {
    return switch (f) {
      case HIGH_WATER_MARK -> highWaterMark;
      case DRAIN_TIME -> drainTime;
      case P99 -> p99;
      case SHED_RATIO -> shedRatio;
    };
  }

  private static BigDecimal rounded(Figure f, double value) {
    int scale = f == Figure.SHED_RATIO ? 6 : f == Figure.HIGH_WATER_MARK ? 0 : 3;
    BigDecimal v =
        BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0) : v;
  }
}
