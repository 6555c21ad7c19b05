package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.util.Preconditions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The capacity runs of one design family at several consumer counts, and the {@link ScalabilityFit}
 * of the Universal Scalability Law to them — or why there is none.
 *
 * <p><b>Which runs form a family.</b> A run's design names a family and a consumer count when it
 * reads {@code family(N)}: a name, then a whole number N &gt;= 1 in parentheses at the end ({@code
 * partitioned(4)}, {@code worker pool(16)}; spaces around N are allowed). Runs with the same family
 * name (compared exactly, spaces at its ends trimmed) and a capacity search form the family; a
 * design without a count ({@code singleton}, {@code partitioned}) is in none. A run's point is its
 * knee; a run whose search sustained no rate has no knee and is {@linkplain #leftOut left out}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param family the family's name; not blank
 * @param points the knees, one per run that has one, in the runs' order
 * @param leftOut one line per capacity run of the family that gives no point, saying why
 * @param fit the fitted law, when the points allow one
 * @param refusal why there is no fit (fewer than three distinct consumer counts); empty when there
 *     is a fit
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ScalabilityFamily(
    String family,
    List<ScalabilityPoint> points,
    List<String> leftOut,
    Optional<ScalabilityFit> fit,
    Optional<String> refusal) {

  private static final Pattern COUNTED = Pattern.compile("(.*\\S)\\s*\\(\\s*([0-9]{1,6})\\s*\\)");

  /** Validates the components and copies the lists. */
  public ScalabilityFamily {
    Preconditions.notBlank(family, "design family");
    points = List.copyOf(Preconditions.notNull(points, "scalability points"));
    leftOut = List.copyOf(Preconditions.notNull(leftOut, "left-out runs"));
    Preconditions.notNull(fit, "fit");
    Preconditions.notNull(refusal, "refusal");
    Preconditions.check(
        fit.isPresent() != refusal.isPresent(),
        "scalability family",
        "either a fit or a refusal",
        fit.isPresent() ? "both" : "neither");
  }

  /**
   * The families among {@code runs} (see the class description), in the order their first runs
   * appear; a family is listed when at least one of its runs holds a capacity search.
   */
  public static List<ScalabilityFamily> of(Collection<RunResult> runs) {
    Preconditions.notNull(runs, "runs");
    Map<String, List<ScalabilityPoint>> points = new LinkedHashMap<>();
    Map<String, List<String>> leftOut = new LinkedHashMap<>();
    for (RunResult run : runs) {
      Preconditions.notNull(run, "run");
      Matcher m = COUNTED.matcher(run.design().strip());
      if (run.capacity().isEmpty() || !m.matches() || Integer.parseInt(m.group(2)) < 1) {
        continue;
      }
      String family = m.group(1).strip();
      int consumers = Integer.parseInt(m.group(2));
      points.computeIfAbsent(family, f -> new ArrayList<>());
      leftOut.computeIfAbsent(family, f -> new ArrayList<>());
      CapacityResult c = run.capacity().get();
      if (c.knee().isPresent() && c.knee().getAsDouble() > 0) {
        points.get(family).add(new ScalabilityPoint(run.id(), consumers, c.knee().getAsDouble()));
      } else {
        leftOut
            .get(family)
            .add(
                run.id()
                    + " (N = "
                    + consumers
                    + "): no trial sustained its rate, so it has no knee (below "
                    + Numbers.rate(c.kneeHigh())
                    + "/s)");
      }
    }
    List<ScalabilityFamily> families = new ArrayList<>();
    points.forEach(
        (family, p) -> {
          Optional<ScalabilityFit> fit = Optional.empty();
          Optional<String> refusal = Optional.empty();
          try {
            fit = Optional.of(ScalabilityFit.fit(family, p));
          } catch (IllegalArgumentException e) {
            refusal = Optional.of(e.getMessage());
          }
          families.add(new ScalabilityFamily(family, p, leftOut.get(family), fit, refusal));
        });
    return families;
  }
}
