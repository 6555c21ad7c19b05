package dev.spillway.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDelegatingDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdDelegatingSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.Converter;
import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.capacity.CapacityTrial;
import dev.spillway.toolkit.ledger.CauseCount;
import dev.spillway.toolkit.ledger.LedgerAnomaly;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.record.Growth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * The one Jackson mapper of the report package, the bindings of the model's types to their
 * documents, and file reading and writing with clear errors.
 *
 * <p>Each model type ({@link RunResult}, {@link ProbeTrace}, the toolkit's {@code
 * LedgerSnapshot}...) is bound through a document record ({@link RunDoc}, {@link TraceDocs}...)
 * that has the JSON's shape, so that the model stays free of JSON annotations and an invalid object
 * is reported at its path. Reading is strict about values: no coercion (a string is not a number),
 * integers must be whole, enums match by name ignoring case.
 */
final class Json {

  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfig(
              LogicalType.Textual,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .addModule(bindings())
          .build();

  private Json() {}

  private static SimpleModule bindings() {
    SimpleModule m = new SimpleModule("spillway-report");
    m.addDeserializer(Duration.class, new JsonRules.Millis());
    m.addSerializer(Duration.class, new JsonRules.MillisWriter());
    m.addDeserializer(Instant.class, new JsonRules.InstantText());
    m.addSerializer(Instant.class, ToStringSerializer.instance);
    bind(m, RunResult.class, RunDoc.class, RunDoc::of, RunDoc::toResult);
    bind(
        m,
        AutopsyReport.class,
        AutopsyDocs.Autopsy.class,
        AutopsyDocs.Autopsy::of,
        AutopsyDocs.Autopsy::toReport);
    bind(
        m,
        CapacityResult.class,
        CapacityDocs.Capacity.class,
        CapacityDocs.Capacity::of,
        CapacityDocs.Capacity::toResult);
    bind(
        m,
        CapacityTrial.class,
        CapacityDocs.Trial.class,
        CapacityDocs.Trial::of,
        CapacityDocs.Trial::toTrial);
    bind(m, BoundCheck.class, RunDoc.Bound.class, RunDoc.Bound::of, RunDoc.Bound::toCheck);
    bind(
        m, InjectorInfo.class, RunDoc.Injector.class, RunDoc.Injector::of, RunDoc.Injector::toInfo);
    bind(m, LoadPlan.class, LoadDocs.Plan.class, LoadDocs.Plan::of, LoadDocs.Plan::toPlan);
    bind(m, PhaseSpan.class, LoadDocs.Phase.class, LoadDocs.Phase::of, LoadDocs.Phase::toSpan);
    bind(m, LoadFigures.class, LoadDocs.Load.class, LoadDocs.Load::of, LoadDocs.Load::toFigures);
    bind(
        m,
        Percentiles.class,
        LoadDocs.Distribution.class,
        LoadDocs.Distribution::of,
        LoadDocs.Distribution::toPercentiles);
    bind(
        m,
        LedgerSnapshot.class,
        BookDocs.Ledger.class,
        BookDocs.Ledger::of,
        BookDocs.Ledger::toSnapshot);
    bind(
        m,
        LedgerAnomaly.class,
        BookDocs.Anomaly.class,
        BookDocs.Anomaly::of,
        BookDocs.Anomaly::toAnomaly);
    bind(m, CauseCount.class, BookDocs.Cause.class, BookDocs.Cause::of, BookDocs.Cause::toCount);
    bind(
        m, Rates.class, BookDocs.RatesDoc.class, BookDocs.RatesDoc::of, BookDocs.RatesDoc::toRates);
    bind(
        m,
        Growth.class,
        BookDocs.GrowthDoc.class,
        BookDocs.GrowthDoc::of,
        BookDocs.GrowthDoc::toGrowth);
    bind(m, ProbeTrace.class, TraceDocs.Probe.class, TraceDocs.Probe::of, TraceDocs.Probe::toTrace);
    bind(m, RatePoint.class, TraceDocs.Rate.class, TraceDocs.Rate::of, TraceDocs.Rate::toPoint);
    bind(
        m,
        BreachMark.class,
        TraceDocs.Breach.class,
        TraceDocs.Breach::of,
        TraceDocs.Breach::toMark);
    bind(
        m,
        TimelineEvent.class,
        TraceDocs.Event.class,
        TraceDocs.Event::of,
        TraceDocs.Event::toEvent);
    return m;
  }

  /** Binds {@code model} through {@code doc}: written as its document, read from one. */
  private static <M, D> void bind(
      SimpleModule m, Class<M> model, Class<D> doc, Function<M, D> toDoc, Function<D, M> toModel) {
    m.addDeserializer(model, new StdDelegatingDeserializer<>(new Convert<>(doc, model, toModel)));
    m.addSerializer(model, new StdDelegatingSerializer(new Convert<>(model, doc, toDoc)));
  }

  /** A conversion with its types given (a lambda's are erased). */
  private record Convert<I, O>(Class<I> in, Class<O> out, Function<I, O> f)
      implements Converter<I, O> {
    @Override
    public O convert(I value) {
      return f.apply(value);
    }

    @Override
    public JavaType getInputType(TypeFactory types) {
      return types.constructType(in);
    }

    @Override
    public JavaType getOutputType(TypeFactory types) {
      return types.constructType(out);
    }
  }

  /** {@code value} as an indented JSON document ending with a newline. */
  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Parses {@code text} as one JSON object.
   *
   * @param what names the text in messages ("run result", "baseline")
   * @param file the file it came from, or null
   */
  static JsonNode parse(String text, String what, Path file) {
    if (text.isBlank()) {
      throw new ReportFormatException(file, what + " is empty", null);
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ReportFormatException(
          file, what + " is not valid JSON: " + e.getOriginalMessage() + location(e), e);
    }
    if (node == null || !node.isObject()) {
      throw new ReportFormatException(
          file,
          what
              + " must be a JSON object, but was "
              + (node == null ? "nothing" : node.getNodeType()),
          null);
    }
    return node;
  }

  /** Checks the document's {@code schema} field before it is bound: it decides the shape. */
  static void requireSchema(JsonNode document, String schema) {
    JsonNode found = document.get("schema");
    if (found == null || found.isNull()) {
      throw new ReportFormatException(
          "field /schema is missing" + (found == null ? "" : " (null)"));
    }
    if (!found.isTextual() || !found.textValue().equals(schema)) {
      throw new ReportFormatException("field /schema must be \"" + schema + "\", but was " + found);
    }
  }

  /**
   * Binds {@code document} to {@code type} with {@code reader}.
   *
   * @throws ReportFormatException naming the field (as a JSON pointer), the rule and the value
   */
  static <T> T bind(ObjectReader reader, JsonNode document) {
    try {
      return reader.readValue(document);
    } catch (JsonMappingException e) {
      throw JsonProblems.of(e, document);
    } catch (IllegalArgumentException e) { // the model rejected the document's root object
      throw JsonProblems.invalid("/", e);
    } catch (IOException e) {
      throw new ReportFormatException("could not be read: " + e.getMessage());
    }
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  /** The text of {@code file}, or an exception saying plainly why it cannot be read. */
  static String readFile(Path file, String what) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ReportFormatException(file, what + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new ReportFormatException(file, what + " cannot be read (access denied)", e);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new ReportFormatException(file, what + " is not UTF-8 text", e);
    }
  }

  /** Writes {@code text} to {@code file} through a temporary file and a move, creating parents. */
  static void writeFile(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      readableByAll(temp); // a temporary file is private to its owner; a report is not
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void readableByAll(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // the file system has no POSIX permissions: the default ones are fine
    }
  }

  /** A format problem of text read from {@code file}, with the file and the document named. */
  static ReportFormatException inFile(Path file, String what, ReportFormatException e) {
    if (e.file().isPresent()) {
      return e;
    }
    String message = e.getMessage().startsWith(what) ? e.getMessage() : what + " " + e.getMessage();
    return new ReportFormatException(file, message, e.getCause());
  }
}
