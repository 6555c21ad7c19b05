package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A run result or a baseline that cannot be used: not JSON, another schema, a field missing or out
 * of range. The message names the file (when there is one), the field (as a JSON pointer) and the
 * problem.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReportFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /** A problem with text that was not read from a file. */
  public ReportFormatException(String message) {
    this(null, message, null);
  }

  /**
   * A problem with {@code file}.
   *
   * @param file the file, or null
   * @param message what is wrong
   * @param cause the parser's exception, or null
   */
  public ReportFormatException(Path file, String message, Throwable cause) {
    super(file == null ? message : file + ": " + message, cause);
    this.file = file;
  }

  /** The file with the problem, when the text came from a file. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }
}
