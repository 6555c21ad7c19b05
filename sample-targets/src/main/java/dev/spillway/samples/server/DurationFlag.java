package dev.spillway.samples.server;

import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The server's duration flags for picocli: Spillway's one duration grammar ({@link Durations}), a
 * bare number being milliseconds, checked against the flag's range. A refusal carries the rule;
 * {@link ServerCommand} adds the flag and the value to it. One subclass per range, as picocli
 * creates converters by class. Stateless and thread-safe.
 */
abstract class DurationFlag implements ITypeConverter<Duration> {

  /** What a bare number means on the command line, as it always has. */
  static final TimeUnit BARE_NUMBER = TimeUnit.MILLISECONDS;

  private final Duration min;
  private final Duration max;

  DurationFlag(Duration min, Duration max) {
    this.min = min;
    this.max = max;
  }

  @Override
  public Duration convert(String value) {
    return Durations.parse(value, BARE_NUMBER)
        .filter(d -> Durations.within(d, min, false, max))
        .orElseThrow(() -> new TypeConversionException(rule(min, max)));
  }

  /** The rule for a duration flag from {@code min} to {@code max}, as error messages state it. */
  static String rule(Duration min, Duration max) {
    return Durations.rule(min, false, max, BARE_NUMBER);
  }

  /** {@code --service-time}: from 1 ns on. */
  static final class ServiceTime extends DurationFlag {
    ServiceTime() {
      super(ServerOptions.MIN_SERVICE_TIME, Durations.LONGEST);
    }
  }

  /** The HTTP front's timeouts: 1 ms to 1 h. */
  static final class Timeout extends DurationFlag {
    Timeout() {
      super(HttpLimits.MIN_TIMEOUT, HttpLimits.MAX_TIMEOUT);
    }
  }
}
