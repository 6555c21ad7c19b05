package dev.spillway.benchmarks;

import dev.spillway.toolkit.load.LoadDriver;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.Sender;
import java.time.Duration;

/**
 * P4: the load driver's own limits, with one driver thread sending into a no-op sink. Maximum rate:
 * a constant phase asking far more than the driver can give (it falls behind and sends as fast as
 * it can until the deadline stops it); the figure is messages sent / elapsed. Precision: a constant
 * 10,000/s; the figures are the p99 lateness (send start minus intended time) and the achieved
 * rate's error.
 *
 * <p>Run: {@code ./mvnw -q -B -pl benchmarks -am package -DskipTests && java -cp
 * benchmarks/target/benchmarks.jar dev.spillway.benchmarks.LoadDriverCost}
 */
public final class LoadDriverCost {

  /** The spin window of the spinning variant: longer than the 100 µs between messages. */
  static final Duration SPIN = Duration.ofMillis(1);

  private LoadDriverCost() {}

  static LoadReport run(double rate, Duration during, Duration grace) {
    return run(rate, during, grace, Duration.ZERO);
  }

  /** As {@link #run(double, Duration, Duration)}, busy-spinning the last {@code spin} of waits. */
  static LoadReport run(double rate, Duration during, Duration grace, Duration spin) {
    LoadProfile profile = LoadProfile.builder().constant(rate).perSecond().during(during).build();
    return LoadDriver.drive(profile)
        .named("p4")
        .gracePeriod(grace)
        .spinWithin(spin)
        .sendTo(Sender.accepting(m -> {}))
        .run();
  }

  /** Messages per second the driver reached when asked for far more. */
  static double maxRate(Duration during) {
    // the driver falls behind; the deadline (planned end + 1 ms) stops it
    run(50_000_000, Duration.ofMillis(300), Duration.ofMillis(1)); // warm-up
    LoadReport r = run(50_000_000, during, Duration.ofMillis(1));
    return r.achievedRatePerSecond();
  }

  /** Prints the maximum rate and the precision at 10,000/s. */
  public static void main(String[] args) {
    boolean quick = Profile.quick();
    double max = maxRate(Duration.ofMillis(quick ? 500 : 2000));
    System.out.printf("max rate, one driver thread, no-op sink: %.2f M msg/s%n", max / 1e6);
    run(10_000, Duration.ofMillis(300), Duration.ofSeconds(5)); // warm-up
    LoadReport r = run(10_000, Duration.ofSeconds(quick ? 2 : 5), Duration.ofSeconds(5));
    System.out.printf(
        "10,000/s: lateness %s; achieved %.1f/s (error %+.3f %%)%n",
        r.lateness().describe(),
        r.achievedRatePerSecond(),
        100 * (r.achievedRatePerSecond() / 10_000 - 1));
    LoadReport s = run(10_000, Duration.ofSeconds(quick ? 2 : 5), Duration.ofSeconds(5), SPIN);
    System.out.printf(
        "10,000/s, spinning the last %d µs: lateness %s%n",
        SPIN.toNanos() / 1000, s.lateness().describe());
  }
}
