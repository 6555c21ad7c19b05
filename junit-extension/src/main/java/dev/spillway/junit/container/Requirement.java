package dev.spillway.junit.container;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Whether Docker is required in this run, and what says so (for messages).
 *
 * @param required whether container tests must run
 * @param source what decided, e.g. {@code "CI=true"} or {@code "spillway.docker.required=true"}
 */
record Requirement(boolean required, String source) {

  /**
   * From the configuration parameter {@value RequiresDocker#REQUIRED} when it is set, else from the
   * environment variable {@code CI}.
   *
   * @throws ExtensionConfigurationException when the parameter is neither true nor false
   */
  static Requirement of(Optional<String> parameter, boolean ci) {
    if (parameter.isPresent()) {
      String value = parameter.get().trim().toLowerCase(Locale.ROOT);
      if (!value.equals("true") && !value.equals("false")) {
        throw new ExtensionConfigurationException(
            "configuration parameter "
                + RequiresDocker.REQUIRED
                + " must be true or false, but was '"
                + parameter.get()
                + "'");
      }
      return new Requirement(value.equals("true"), RequiresDocker.REQUIRED + "=" + value);
    }
    return new Requirement(ci, ci ? "CI=true" : "CI not true");
  }
}
