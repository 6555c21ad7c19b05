package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.toolkit.util.Preconditions;
import dev.spillway.toolkit.verdict.Verdict;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Reads and writes {@link Baseline}s as JSON files of schema {@value #SCHEMA} (see {@code
 * docs/report-schema.md}):
 *
 * <pre>{@code
 * {
 *   "schema": "spillway.baseline/1",
 *   "tolerances": {
 *     "highWaterMark": { "relative": 0.10, "absolute": 10 },
 *     "drainTimeMs":   { "relative": 0.25, "absolute": 250 },
 *     "p99Ms":         { "relative": 0.25, "absolute": 5 },
 *     "shedRatio":     { "relative": 0.10, "absolute": 0.02 }
 *   },
 *   "tests": {
 *     "singleton-spike": {
 *       "verdict": "OVERFLOWED",
 *       "highWaterMark": 204, "drainTimeMs": null, "p99Ms": 0.25, "shedRatio": 0.000769,
 *       "tolerances": { "p99Ms": { "relative": 0.5 } }
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Reading is strict, because a baseline that is read wrongly would let a regression pass: an
 * empty file, text that is not JSON, another schema, no {@code tests} or none in it, a test without
 * {@code verdict}, an unknown key (a misspelt figure would silently stop being gated), a value out
 * of range — each is a {@link ReportFormatException} naming the file, the field and the problem.
 * Only {@code "comment"} keys are ignored. A tolerance given for a test replaces the global one for
 * that figure; a field it leaves out is taken from the global one.
 *
 * <p>Thread-safety: stateless; all methods are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BaselineJson {

  /** The schema of baselines this version writes and reads. */
  public static final String SCHEMA = "spillway.baseline/1";

  private static final String COMMENT = "comment";

  private BaselineJson() {}

  /** The baseline as a JSON document (indented, ending with a newline). */
  public static String write(Baseline baseline) {
    Preconditions.notNull(baseline, "baseline");
    ObjectNode o = Json.object();
    o.put("schema", SCHEMA);
    o.put(
        COMMENT,
        "Spillway regression baseline: a figure fails the gate when it rises above its baseline by"
            + " more than max(relative × baseline, absolute), or when a verdict changes."
            + " Rewrite with ReportTool --write.");
    ObjectNode tolerances = o.putObject("tolerances");
    baseline.tolerances().forEach((f, t) -> tolerance(tolerances.putObject(f.key()), t));
    ObjectNode tests = o.putObject("tests");
    baseline
        .tests()
        .forEach(
            (id, entry) -> {
              ObjectNode n = tests.putObject(id);
              n.put("verdict", entry.verdict().map(Enum::name).orElse(null));
              entry
                  .figures()
                  .forEach(
                      (f, v) -> {
                        if (v.isPresent()) {
                          n.put(f.key(), rounded(f, v.getAsDouble()));
                        } else {
                          n.putNull(f.key());
                        }
                      });
              if (!entry.tolerances().isEmpty()) {
                ObjectNode own = n.putObject("tolerances");
                entry.tolerances().forEach((f, t) -> tolerance(own.putObject(f.key()), t));
              }
            });
    return Json.write(o);
  }

  /** Writes the baseline to {@code file} (through a temporary file and a move). */
  public static void write(Baseline baseline, Path file) throws IOException {
    Preconditions.notNull(file, "baseline file");
    Json.writeFile(file, write(baseline));
  }

  /**
   * The baseline in {@code json}.
   *
   * @throws ReportFormatException when it is not a valid baseline (see the class description)
   */
  public static Baseline read(String json) {
    Preconditions.notNull(json, "json");
    return read(Json.parse(json, "baseline", null));
  }

  /**
   * The baseline in {@code file}.
   *
   * @throws ReportFormatException when the file does not exist or is not a valid baseline; the
   *     message names the file and the problem
   * @throws IOException when it cannot be read otherwise
   */
  public static Baseline read(Path file) throws IOException {
    Preconditions.notNull(file, "baseline file");
    String text = Json.readFile(file, "baseline");
    try {
      return read(Json.parse(text, "baseline", file));
    } catch (ReportFormatException e) {
      throw Json.inFile(file, "baseline", e);
    }
  }

  private static Baseline read(JsonIn o) {
    String schema = o.text("schema");
    if (!schema.equals(SCHEMA)) {
      throw new ReportFormatException(
          "field /schema must be \"" + SCHEMA + "\", but was \"" + schema + "\"");
    }
    onlyKnown(o, Set.of("schema", "tolerances", "tests", COMMENT));
    Map<Figure, Tolerance> global = new EnumMap<>(Figure.class);
    for (Figure f : Figure.values()) {
      global.put(f, Tolerance.defaultFor(f));
    }
    Optional<JsonIn> tolerances = o.optional("tolerances");
    if (tolerances.isPresent()) {
      global.putAll(tolerances(tolerances.get(), global));
    }
    JsonIn tests = o.field("tests").requireObject();
    if (tests.fieldNames().isEmpty()) {
      throw new ReportFormatException(
          "field /tests holds no test: a baseline that gates nothing would pass any result;"
              + " write one from results with ReportTool --write");
    }
    Map<String, BaselineEntry> entries = new java.util.TreeMap<>();
    for (String id : tests.fieldNames()) {
      if (id.equals(COMMENT)) {
        continue;
      }
      entries.put(id, entry(tests.field(id).requireObject(), global));
    }
    return o.build(() -> new Baseline(global, entries));
  }

  private static BaselineEntry entry(JsonIn o, Map<Figure, Tolerance> global) {
    if (o.fieldNames().stream().noneMatch(k -> k.equals("verdict"))) {
      throw new ReportFormatException(
          "field " + o.path() + "/verdict is missing (write null for a test that was not judged)");
    }
    Map<Figure, OptionalDouble> figures = new EnumMap<>(Figure.class);
    Map<Figure, Tolerance> own = Map.of();
    for (String key : o.fieldNames()) {
      if (key.equals("verdict") || key.equals(COMMENT)) {
        continue;
      }
      if (key.equals("tolerances")) {
        own = tolerances(o.field(key), global);
        continue;
      }
      Figure f = Figure.byKey(key);
      if (f == null) {
        throw unknown(o, key, "verdict, highWaterMark, drainTimeMs, p99Ms, shedRatio, tolerances");
      }
      OptionalDouble value = o.optionalNotNegative(key);
      if (f == Figure.SHED_RATIO && value.isPresent() && value.getAsDouble() > 1) {
        throw new ReportFormatException(
            "field "
                + o.path()
                + "/"
                + key
                + " must be a ratio in [0, 1], but was "
                + value.getAsDouble());
      }
      figures.put(f, value);
    }
    Optional<Verdict> verdict = o.optional("verdict").map(v -> v.enumValue(Verdict.class));
    Map<Figure, Tolerance> tolerances = own;
    return o.build(() -> new BaselineEntry(verdict, figures, tolerances));
  }

  private static Map<Figure, Tolerance> tolerances(JsonIn o, Map<Figure, Tolerance> fallback) {
    o.requireObject();
    Map<Figure, Tolerance> result = new EnumMap<>(Figure.class);
    for (String key : o.fieldNames()) {
      if (key.equals(COMMENT)) {
        continue;
      }
      Figure f = Figure.byKey(key);
      if (f == null) {
        throw unknown(o, key, "highWaterMark, drainTimeMs, p99Ms, shedRatio");
      }
      JsonIn t = o.field(key).requireObject();
      onlyKnown(t, Set.of("relative", "absolute", COMMENT));
      Tolerance base = fallback.get(f);
      double relative = t.optionalNotNegative("relative").orElse(base.relative());
      double absolute = t.optionalNotNegative("absolute").orElse(base.absolute());
      result.put(f, t.build(() -> new Tolerance(relative, absolute)));
    }
    return result;
  }

  private static void onlyKnown(JsonIn o, Set<String> known) {
    for (String key : o.fieldNames()) {
      if (!known.contains(key)) {
        throw unknown(o, key, String.join(", ", new java.util.TreeSet<>(known)));
      }
    }
  }

  private static ReportFormatException unknown(JsonIn o, String key, String allowed) {
    String parent = o.path().equals("/") ? "" : o.path();
    return new ReportFormatException(
        "field " + parent + "/" + key + " is not known here (allowed: " + allowed + ")");
  }

  private static void tolerance(ObjectNode o, Tolerance t) {
    o.put("relative", t.relative());
    o.put("absolute", t.absolute());
  }

  private static BigDecimal rounded(Figure f, double value) {
    int scale = f == Figure.SHED_RATIO ? 6 : f == Figure.HIGH_WATER_MARK ? 0 : 3;
    BigDecimal v =
        BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0) : v;
  }
}
