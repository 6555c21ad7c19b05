package dev.spillway.gatling;

import dev.spillway.toolkit.util.Preconditions;
import java.util.List;
import java.util.function.Function;

/**
 * A check run on every metrics poll. A poll that finds a violation fails (so the run fails), and
 * each violation is kept, with its figures, as a breach in the run's summary.
 *
 * <p>Implementations must be thread-safe.
 */
interface Gate {

  /**
   * The gate's name, the same on every poll (Gatling groups failures by message), such as {@code
   * "bounded queues <= 100"}.
   */
  String name();

  /**
   * What crossed the gate in {@code sample}, one line with its figures each; empty when it held.
   */
  List<String> violations(MetricsSample sample);

  /** A gate named {@code name} that runs {@code check}. */
  static Gate of(String name, Function<MetricsSample, List<String>> check) {
    Preconditions.notBlank(name, "gate name");
    Preconditions.notNull(check, "gate check");
    return new Gate() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<String> violations(MetricsSample sample) {
        return check.apply(sample);
      }

      @Override
      public String toString() {
        return "Gate[" + name + "]";
      }
    };
  }
}
