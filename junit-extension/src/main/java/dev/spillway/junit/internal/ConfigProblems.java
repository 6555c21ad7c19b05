package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Collects what is wrong with a test's annotations, in the style {@code "@QueueBound requires that
 * max be >= 1, but was 0"}, so that one exception can name every problem. Not thread-safe: one
 * validation at a time.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConfigProblems {

  private final List<String> problems = new ArrayList<>();

  /** Records {@code message} as it is. */
  public void add(String message) {
    problems.add(message);
  }

  /**
   * Records {@code "@<annotation> requires that <attribute> be <rule>, but was <value>"} unless
   * {@code ok}.
   */
  public boolean require(
      boolean ok, String annotation, String attribute, String rule, Object value) {
    if (!ok) {
      add(annotation + " requires that " + attribute + " be " + rule + ", but was " + show(value));
    }
    return ok;
  }

  /** The longest duration any annotation attribute accepts. */
  public static final Duration MAX_DURATION = Duration.ofDays(1);

  /**
   * Parses the duration attribute {@code text}, recording a problem when it is malformed or outside
   * [{@code min}, {@link #MAX_DURATION}] (({@code min}, MAX] when {@code minExclusive}).
   *
   * @return the duration, or empty when there was a problem
   */
  public Optional<Duration> duration(
      String annotation, String attribute, String text, Duration min, boolean minExclusive) {
    return duration(annotation, attribute, text, min, minExclusive, MAX_DURATION);
  }

  /** Like {@link #duration(String, String, String, Duration, boolean)} with another maximum. */
  public Optional<Duration> duration(
      String annotation,
      String attribute,
      String text,
      Duration min,
      boolean minExclusive,
      Duration max) {
    Optional<Duration> parsed =
        Durations.parse(text).filter(d -> Durations.within(d, min, minExclusive, max));
    require(
        parsed.isPresent(),
        annotation,
        attribute,
        Durations.rule(min, minExclusive, max, null),
        text);
    return parsed;
  }

  /** Whether nothing is wrong so far. */
  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /** The problems so far. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * Throws an {@link ExtensionConfigurationException} naming every problem (one per line after the
   * first), if there is any.
   */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new ExtensionConfigurationException(String.join(";\n", problems));
    }
  }

  /** A value as it appears in a message: strings quoted, whole doubles without ".0". */
  public static String show(Object value) {
    if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    if (value instanceof Double d
        && Double.isFinite(d)
        && d == Math.rint(d)
        && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }
}
