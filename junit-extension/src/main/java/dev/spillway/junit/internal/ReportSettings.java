package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Whether and where overload runs write their report, from two JUnit configuration parameters
 * (which JUnit also reads from system properties and {@code junit-platform.properties}):
 *
 * <ul>
 *   <li>{@value #DIRECTORY}: the report's directory, relative to the working directory (a module's
 *       directory under Maven Surefire); default {@value #DEFAULT_DIRECTORY};
 *   <li>{@value #ENABLED}: {@code true} (the default) or {@code false}.
 * </ul>
 *
 * @param enabled whether runs write their report
 * @param directory the report's directory
 */
@API(status = INTERNAL, since = "0.1")
public record ReportSettings(boolean enabled, Path directory) {

  /** The configuration parameter naming the report's directory. */
  public static final String DIRECTORY = "spillway.report.dir";

  /** The configuration parameter that turns the report on or off. */
  public static final String ENABLED = "spillway.report.enabled";

  /** The report's directory unless {@value #DIRECTORY} says otherwise. */
  public static final String DEFAULT_DIRECTORY = "target/spillway";

  /** Validates the components. */
  public ReportSettings {
    if (directory == null) {
      throw new IllegalArgumentException("report directory must not be null");
    }
  }

  /**
   * The settings the configuration {@code parameters} give (a lookup by name).
   *
   * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException naming the parameter,
   *     its value and the rule, when a value is not allowed
   */
  public static ReportSettings read(Function<String, Optional<String>> parameters) {
    ConfigProblems problems = new ConfigProblems();
    String enabledText = parameters.apply(ENABLED).map(String::strip).orElse("true");
    String enabledValue = enabledText.toLowerCase(Locale.ROOT);
    boolean enabled = !enabledValue.equals("false");
    if (!enabledValue.equals("true") && !enabledValue.equals("false")) {
      problems.add(
          "configuration parameter "
              + ENABLED
              + " must be true or false, but was "
              + ConfigProblems.show(enabledText));
    }
    String dirText = parameters.apply(DIRECTORY).orElse(DEFAULT_DIRECTORY);
    Path directory = Path.of(DEFAULT_DIRECTORY);
    if (dirText.isBlank()) {
      problems.add(
          "configuration parameter "
              + DIRECTORY
              + " must be a directory (not blank), but was "
              + ConfigProblems.show(dirText));
    } else {
      try {
        directory = Path.of(dirText.strip());
      } catch (InvalidPathException e) {
        problems.add(
            "configuration parameter "
                + DIRECTORY
                + " must be a valid path, but was "
                + ConfigProblems.show(dirText)
                + " ("
                + e.getReason()
                + ")");
      }
    }
    problems.throwIfAny();
    return new ReportSettings(enabled, directory);
  }
}
