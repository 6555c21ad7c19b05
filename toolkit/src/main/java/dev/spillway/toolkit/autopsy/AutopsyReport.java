package dev.spillway.toolkit.autopsy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * Where the watched threads' time went during a window of an {@link Autopsy}: the top methods by
 * share of their time, the shares sleeping, parked and blocked, the garbage collections and the
 * allocation beside them, and what limits these figures. A report of an autopsy that could not
 * record ({@link #unavailable()}) holds no figures at all. Immutable.
 *
 * @param unavailable why nothing was recorded (no JFR in this JVM, or it refused to start); when
 *     present every figure is empty or zero
 * @param window the length of the window the figures describe
 * @param samplePeriod the period of the execution samples asked of JFR
 * @param threads the names of the watched threads seen in the window
 * @param samples how many execution samples (Java and native) of the watched threads the window
 *     holds
 * @param time how the threads' time split between running and waiting
 * @param topMethods the methods under which the threads spent the largest shares of their time,
 *     largest first (see {@link MethodShare}); empty when there were too few samples and no waits
 * @param gc the JVM's garbage collections in the window
 * @param allocatedBytes the bytes the watched threads allocated in the window, estimated by JFR's
 *     allocation samples ({@code jdk.ObjectAllocationSample}: each sample weighs the bytes
 *     allocated since the previous one); empty when this JVM has no such event
 * @param limits what limits the figures, one sentence each (too few samples, events missing at the
 *     end, an event this JVM lacks...); empty when nothing does
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record AutopsyReport(
    Optional<String> unavailable,
    Duration window,
    Duration samplePeriod,
    List<String> threads,
    long samples,
    TimeShares time,
    List<MethodShare> topMethods,
    GcFigures gc,
    OptionalLong allocatedBytes,
    List<String> limits) {

  /** Validates the components and copies the lists. */
  public AutopsyReport {
    Preconditions.notNull(unavailable, "unavailable");
    Preconditions.notNegative(window, "window");
    Preconditions.positive(samplePeriod, "sample period");
    threads = List.copyOf(Preconditions.notNull(threads, "threads"));
    Preconditions.notNegative(samples, "samples");
    Preconditions.notNull(time, "time shares");
    topMethods = List.copyOf(Preconditions.notNull(topMethods, "top methods"));
    Preconditions.notNull(gc, "GC figures");
    Preconditions.notNull(allocatedBytes, "allocated bytes");
    allocatedBytes.ifPresent(b -> Preconditions.notNegative(b, "allocated bytes"));
    limits = List.copyOf(Preconditions.notNull(limits, "limits"));
    for (int i = 1; i < topMethods.size(); i++) {
      Preconditions.check(
          topMethods.get(i).share() <= topMethods.get(i - 1).share(),
          "top methods",
          "in decreasing order of share",
          topMethods);
    }
    if (unavailable.isPresent()) {
      Preconditions.check(
          threads.isEmpty()
              && samples == 0
              && topMethods.isEmpty()
              && time.equals(TimeShares.NONE)
              && gc.equals(GcFigures.NONE)
              && allocatedBytes.isEmpty(),
          "figures of an autopsy that did not record (" + unavailable.get() + ")",
          "empty",
          "threads " + threads + ", " + samples + " samples, " + topMethods.size() + " methods");
    }
  }

  /** The report of an autopsy that could not record, saying why. */
  public static AutopsyReport unavailable(String why, Duration samplePeriod) {
    Preconditions.notBlank(why, "why the autopsy did not record");
    return new AutopsyReport(
        Optional.of(why),
        Duration.ZERO,
        samplePeriod,
        List.of(),
        0,
        TimeShares.NONE,
        List.of(),
        GcFigures.NONE,
        OptionalLong.empty(),
        List.of());
  }

  /** Whether JFR recorded (the figures exist, whatever their limits). */
  public boolean recorded() {
    return unavailable.isEmpty();
  }

  /** The method with the largest share, if any. */
  public Optional<MethodShare> topMethod() {
    return topMethods.stream().findFirst();
  }

  /**
   * The share of the method named {@code method} ({@code package.Class.method} or {@code
   * Class.method}), 0 when it is not among the top methods.
   */
  public double shareOf(String method) {
    Preconditions.notBlank(method, "method");
    return topMethods.stream()
        .filter(m -> m.method().equals(method) || m.shortName().equals(method))
        .mapToDouble(MethodShare::share)
        .sum();
  }

  /** The watched threads' allocation rate, in bytes per second of the window. */
  public OptionalDouble allocationRate() {
    if (allocatedBytes.isEmpty() || window.isZero()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(allocatedBytes.getAsLong() / (window.toNanos() / 1e9));
  }

  /**
   * One line: the top methods (up to three, each at least 1%), the waits, GC and allocation, e.g.
   * {@code "autopsy of 1 thread over 1.2 s: 94% in OrderRepository.insert (in Thread.sleep), 3% in
   * Parser.parse; 90% sleeping, 3% parked; GC 1.2% of the time (4 collections); 35.0 MB/s
   * allocated"}, then the limits; or {@code "autopsy: not recorded (<why>)"}.
   */
  public String summary() {
    if (unavailable.isPresent()) {
      return "autopsy: not recorded (" + unavailable.get() + ")";
    }
    StringBuilder line =
        new StringBuilder("autopsy of ")
            .append(threads.size())
            .append(threads.size() == 1 ? " thread" : " threads")
            .append(" over ")
            .append(Durations.format(window))
            .append(": ");
    List<String> methods = new ArrayList<>();
    for (MethodShare m : topMethods) {
      if (methods.size() == 3 || m.share() < 0.01) {
        break;
      }
      methods.add(
          Shares.percent(m.share())
              + " in "
              + m.shortName()
              + m.mostlyIn().map(f -> " (in " + MethodShare.shortName(f) + ")").orElse(""));
    }
    line.append(methods.isEmpty() ? "no method ranked" : String.join(", ", methods));
    List<String> waits = new ArrayList<>();
    addWait(waits, time.sleeping(), "sleeping");
    addWait(waits, time.parked(), "parked");
    addWait(waits, time.blocked(), "blocked on a monitor");
    addWait(waits, time.monitorWait(), "in Object.wait");
    line.append("; ").append(waits.isEmpty() ? "no waits" : String.join(", ", waits));
    line.append("; GC ")
        .append(Shares.percent(gc.pauseShare()))
        .append(" of the time (")
        .append(gc.collections())
        .append(gc.collections() == 1 ? " collection)" : " collections)");
    OptionalDouble rate = allocationRate();
    if (rate.isPresent()) {
      line.append(String.format(Locale.ROOT, "; %.1f MB/s allocated", rate.getAsDouble() / 1e6));
    }
    for (String limit : limits) {
      line.append("; LIMIT: ").append(limit);
    }
    return line.toString();
  }

  private static void addWait(List<String> waits, double share, String what) {
    if (share >= 0.001) {
      waits.add(Shares.percent(share) + " " + what);
    }
  }
}
