package dev.spillway.gatling;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The simulations' knobs, read from system properties ({@code -Dname=value} on the Maven command
 * line reaches Gatling's forked JVM). Every value is checked; a bad one fails the simulation before
 * any load is sent, with a message naming the property, the value and the rule.
 *
 * <p>Immutable and thread-safe.
 */
final class Settings {

  private static final Settings SYSTEM = new Settings(System::getProperty);

  private final UnaryOperator<String> properties;

  /** Settings read through {@code properties} (a property's name to its value, or null). */
  Settings(UnaryOperator<String> properties) {
    this.properties = Preconditions.notNull(properties, "properties");
  }

  /** The settings in this JVM's system properties. */
  static Settings system() {
    return SYSTEM;
  }

  /** The whole number &gt;= 1 in property {@code name}, or {@code otherwise} when it is not set. */
  long positiveLong(String name, long otherwise) {
    String raw = properties.apply(Preconditions.notBlank(name, "property name"));
    if (raw == null || raw.isBlank()) {
      return otherwise;
    }
    long v;
    try {
      v = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "system property " + name + " must be a whole number >= 1, but was '" + raw + "'", e);
    }
    if (v < 1) {
      throw new IllegalArgumentException(
          "system property " + name + " must be a whole number >= 1, but was " + v);
    }
    return v;
  }

  /** The milliseconds (&gt;= 1) in property {@code name}, or {@code otherwise} when not set. */
  Duration millis(String name, Duration otherwise) {
    return Duration.ofMillis(positiveLong(name, otherwise.toMillis()));
  }
}
