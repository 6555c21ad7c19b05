package dev.spillway.junit.internal;

import static dev.spillway.junit.internal.ConfigProblems.show;
import static org.junit.platform.commons.support.AnnotationSupport.findAnnotation;

import dev.spillway.junit.ConstantLoad;
import dev.spillway.junit.RampLoad;
import dev.spillway.junit.SpikeLoad;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.util.Durations;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads the load annotations of one method (at most one of them). */
final class LoadReader {

  private final Method method;
  private final ConfigProblems problems;

  LoadReader(Method method, ConfigProblems problems) {
    this.method = method;
    this.problems = problems;
  }

  Optional<LoadSpec> read() {
    List<String> present = new ArrayList<>();
    Optional<LoadSpec> load = Optional.empty();
    Optional<SpikeLoad> spike = findAnnotation(method, SpikeLoad.class);
    if (spike.isPresent()) {
      present.add("@SpikeLoad");
      load = spike(spike.get());
    }
    Optional<ConstantLoad> constant = findAnnotation(method, ConstantLoad.class);
    if (constant.isPresent()) {
      present.add("@ConstantLoad");
      load = constant(constant.get());
    }
    Optional<RampLoad> ramp = findAnnotation(method, RampLoad.class);
    if (ramp.isPresent()) {
      present.add("@RampLoad");
      load = ramp(ramp.get());
    }
    if (present.size() > 1) {
      problems.add(
          String.join(" and ", present)
              + " cannot be combined: declare at most one load per test (to play phases one after"
              + " the other, build a LoadProfile and call harness.run(profile))");
      return Optional.empty();
    }
    return load;
  }

  private Optional<LoadSpec> spike(SpikeLoad a) {
    String at = "@SpikeLoad";
    boolean base = rate(a.base(), at, "base");
    boolean peak =
        problems.require(
            !base || (Double.isFinite(a.peak()) && a.peak() > a.base()),
            at,
            "peak",
            "finite and > base (" + show(a.base()) + ")",
            a.peak());
    Optional<Duration> start = problems.duration(at, "at", a.at(), Duration.ZERO, false);
    Optional<Duration> hold = problems.duration(at, "hold", a.hold(), Duration.ZERO, true);
    Optional<Duration> total = problems.duration(at, "duration", a.duration(), Duration.ZERO, true);
    if (!base || !peak || start.isEmpty() || hold.isEmpty() || total.isEmpty()) {
      return Optional.empty();
    }
    Duration least = start.get().plus(hold.get());
    if (!problems.require(
        total.get().compareTo(least) >= 0,
        at,
        "duration",
        ">= at + hold (" + Durations.format(least) + ")",
        a.duration())) {
      return Optional.empty();
    }
    String source =
        at
            + "(base = "
            + show(a.base())
            + ", peak = "
            + show(a.peak())
            + ", at = "
            + show(a.at())
            + ", hold = "
            + show(a.hold())
            + ", duration = "
            + show(a.duration())
            + ")";
    return build(
        at,
        source,
        () ->
            LoadProfile.builder()
                .spikeFrom(a.base())
                .to(a.peak())
                .perSecond()
                .at(start.get())
                .holdingFor(hold.get())
                .during(total.get())
                .build());
  }

  private Optional<LoadSpec> constant(ConstantLoad a) {
    String at = "@ConstantLoad";
    boolean rate = rate(a.rate(), at, "rate");
    Optional<Duration> duration =
        problems.duration(at, "duration", a.duration(), Duration.ZERO, true);
    if (!rate || duration.isEmpty()) {
      return Optional.empty();
    }
    String source = at + "(rate = " + show(a.rate()) + ", duration = " + show(a.duration()) + ")";
    return build(
        at,
        source,
        () -> LoadProfile.builder().constant(a.rate()).perSecond().during(duration.get()).build());
  }

  private Optional<LoadSpec> ramp(RampLoad a) {
    String at = "@RampLoad";
    boolean from =
        problems.require(
            Double.isFinite(a.from()) && a.from() >= 0, at, "from", "finite and >= 0", a.from());
    boolean to =
        problems.require(
            Double.isFinite(a.to()) && a.to() >= 0, at, "to", "finite and >= 0", a.to());
    boolean notBoth =
        !from
            || !to
            || problems.require(a.to() > 0 || a.from() > 0, at, "to", "> 0 when from is 0", a.to());
    Optional<Duration> duration =
        problems.duration(at, "duration", a.duration(), Duration.ZERO, true);
    if (!from || !to || !notBoth || duration.isEmpty()) {
      return Optional.empty();
    }
    String source =
        at
            + "(from = "
            + show(a.from())
            + ", to = "
            + show(a.to())
            + ", duration = "
            + show(a.duration())
            + ")";
    return build(
        at,
        source,
        () ->
            LoadProfile.builder()
                .ramp(a.from())
                .to(a.to())
                .perSecond()
                .during(duration.get())
                .build());
  }

  private boolean rate(double value, String annotation, String attribute) {
    return problems.require(
        Double.isFinite(value) && value > 0, annotation, attribute, "finite and > 0", value);
  }

  /** Builds the profile; the toolkit's own limits (e.g. messages per phase) still apply. */
  private Optional<LoadSpec> build(String annotation, String source, Supplier<LoadProfile> make) {
    try {
      return Optional.of(new LoadSpec(make.get(), source));
    } catch (IllegalArgumentException e) {
      problems.add(source + " is out of range: " + e.getMessage());
      return Optional.empty();
    }
  }
}
