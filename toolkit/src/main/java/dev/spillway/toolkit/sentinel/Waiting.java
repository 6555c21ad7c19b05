package dev.spillway.toolkit.sentinel;

import java.time.Duration;

/** How a sentinel's {@link Sentinel#close()} words its timeout. Stateless. */
final class Waiting {

  private Waiting() {}

  /** {@code 5s}, {@code 1500ms}: whole seconds when they are whole, else milliseconds. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
