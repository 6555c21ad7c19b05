package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.spillway.toolkit.util.Preconditions;
import java.io.IOException;
import java.nio.file.Path;
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
 *     "shedRatio":     { "relative": 0.10, "absolute": 0.02 },
 *     "capacityKnee":  { "relative": 0.10, "absolute": 1 }
 *   },
 *   "tests": {
 *     "partitioned-4-capacity": {
 *       "verdict": null,
 *       "capacity": { "kneePerSecond": 560, "lowPerSecond": 560, "highPerSecond": 600 }
 *     },
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
 * of range — each is a {@link ReportFormatException} naming the file, the field (as a JSON pointer)
 * and the problem. Only {@code "comment"} keys are ignored. Bound with Jackson (see {@code
 * BaselineDoc}). A tolerance given for a test replaces the global one for that figure; a field it
 * leaves out is taken from the global one.
 *
 * <p>Thread-safety: stateless; all methods are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BaselineJson {

  /** The schema of baselines this version writes and reads. */
  public static final String SCHEMA = "spillway.baseline/1";

  private static final ObjectReader READER = Json.MAPPER.readerFor(BaselineDoc.class);

  private BaselineJson() {}

  /** The baseline as a JSON document (indented, ending with a newline). */
  public static String write(Baseline baseline) {
    Preconditions.notNull(baseline, "baseline");
    return Json.write(BaselineDoc.of(baseline));
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

  private static Baseline read(JsonNode document) {
    Json.requireSchema(document, SCHEMA);
    BaselineDoc doc = Json.bind(READER, document);
    try {
      return doc.toBaseline();
    } catch (IllegalArgumentException e) {
      throw JsonProblems.invalid("/", e);
    }
  }
}
