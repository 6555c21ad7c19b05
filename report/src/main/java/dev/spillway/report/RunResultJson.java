package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.spillway.toolkit.util.Preconditions;
import java.io.IOException;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Writes and reads {@link RunResult}s as JSON documents of schema {@value #SCHEMA}, described in
 * {@code docs/report-schema.md}: durations and offsets in milliseconds ({@code …Ms} fields,
 * decimal, exact to the nanosecond), rates per second, absent values as {@code null}, latency and
 * lateness as five figures and their whole HdrHistogram (compressed, base64). Bound with Jackson
 * through document records (see {@code Json}). Reading ignores unknown fields, deliberately: a
 * {@code /1} document may gain fields (forward compatibility; changing a field's meaning makes
 * {@code /2}); it ignores the derived fields too ({@code figures}, {@code held}...), and rejects a
 * document of another schema, or with a field missing or out of range, with a {@link
 * ReportFormatException} naming the file, the field (as a JSON pointer), what it must be and the
 * value found.
 *
 * <p>Thread-safety: stateless; all methods are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RunResultJson {

  /** The schema of run results this version writes and reads. */
  public static final String SCHEMA = "spillway.run/1";

  // forward compatible: a /1 document may gain fields, which this version ignores
  private static final ObjectReader READER =
      Json.MAPPER
          .readerFor(RunResult.class)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private RunResultJson() {}

  /** The result as a JSON document (indented, ending with a newline). */
  public static String write(RunResult run) {
    Preconditions.notNull(run, "run result");
    return Json.write(run);
  }

  /**
   * Writes the result to {@code file} (through a temporary file and a move, so that a reader never
   * sees half a file), creating its directories.
   */
  public static void write(RunResult run, Path file) throws IOException {
    Preconditions.notNull(file, "file");
    Json.writeFile(file, write(run));
  }

  /**
   * The result in {@code json}.
   *
   * @throws ReportFormatException when the text is empty, not JSON, of another schema, or a field
   *     is missing or out of range
   */
  public static RunResult read(String json) {
    Preconditions.notNull(json, "json");
    return read(Json.parse(json, "run result", null));
  }

  /**
   * The result in {@code file}.
   *
   * @throws ReportFormatException when the file does not exist, or its content is not a valid
   *     result (the message names the file)
   * @throws IOException when it cannot be read otherwise
   */
  public static RunResult read(Path file) throws IOException {
    Preconditions.notNull(file, "file");
    String text = Json.readFile(file, "run result");
    try {
      return read(Json.parse(text, "run result", file));
    } catch (ReportFormatException e) {
      throw Json.inFile(file, "run result", e);
    }
  }

  private static RunResult read(JsonNode document) {
    Json.requireSchema(document, SCHEMA);
    return Json.bind(READER, document);
  }
}
