package dev.spillway.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The one Jackson mapper of the report package, and file reading and writing with clear errors. */
final class Json {

  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
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
  static JsonIn parse(String text, String what, Path file) {
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
    return new JsonIn(node, "");
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
