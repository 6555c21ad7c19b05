package dev.spillway.junit.internal;

import static org.junit.platform.commons.support.AnnotationSupport.findAnnotation;
import static org.junit.platform.commons.support.AnnotationSupport.findRepeatableAnnotations;

import dev.spillway.junit.ConsumerStall;
import dev.spillway.junit.FixedDelay;
import dev.spillway.junit.LogNormalDelay;
import dev.spillway.junit.ParetoDelay;
import dev.spillway.junit.UniformDelay;
import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.inject.Stall;
import dev.spillway.toolkit.util.Durations;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the delay model and stall annotations of one method into an injector. */
final class InjectionReader {

  /** A delay model and the seed of its draws. */
  record Model(Delay delay, long seed) {}

  private final Method method;
  private final String name;
  private final ConfigProblems problems;

  InjectionReader(Method method, String name, ConfigProblems problems) {
    this.method = method;
    this.name = name;
    this.problems = problems;
  }

  Optional<InjectionSpec> read() {
    List<String> present = new ArrayList<>();
    Optional<Model> model = Optional.empty();
    Optional<FixedDelay> fixed = findAnnotation(method, FixedDelay.class);
    if (fixed.isPresent()) {
      present.add("@FixedDelay");
      model =
          problems
              .duration("@FixedDelay", "value", fixed.get().value(), Duration.ZERO, true)
              .map(d -> new Model(Delay.fixed(d), Injector.DEFAULT_SEED));
    }
    Optional<UniformDelay> uniform = findAnnotation(method, UniformDelay.class);
    if (uniform.isPresent()) {
      present.add("@UniformDelay");
      model = uniform(uniform.get(), "@UniformDelay");
    }
    Optional<LogNormalDelay> logNormal = findAnnotation(method, LogNormalDelay.class);
    if (logNormal.isPresent()) {
      present.add("@LogNormalDelay");
      model = logNormal(logNormal.get(), "@LogNormalDelay");
    }
    Optional<ParetoDelay> pareto = findAnnotation(method, ParetoDelay.class);
    if (pareto.isPresent()) {
      present.add("@ParetoDelay");
      model = pareto(pareto.get(), "@ParetoDelay");
    }
    if (present.size() > 1) {
      problems.add(
          String.join(" and ", present)
              + " cannot be combined: declare at most one delay model per test");
      model = Optional.empty();
    }
    List<ConsumerStall> declaredStalls = findRepeatableAnnotations(method, ConsumerStall.class);
    List<Stall> stalls = new ArrayList<>();
    for (ConsumerStall s : declaredStalls) {
      stall(s, "@ConsumerStall").ifPresent(stalls::add);
    }
    if (!declaredStalls.isEmpty()) {
      present.add("@ConsumerStall");
    }
    if (present.isEmpty() || (model.isEmpty() && stalls.isEmpty())) {
      return Optional.empty();
    }
    Injector injector = Injector.named(name);
    if (model.isPresent()) {
      injector = injector.withDelay(model.get().delay()).withSeed(model.get().seed());
    }
    for (Stall stall : stalls) {
      injector = injector.withStall(stall);
    }
    return Optional.of(new InjectionSpec(injector, String.join(" and ", present)));
  }

  /** {@code a}, validated; {@code at} names it in messages. */
  Optional<Model> uniform(UniformDelay a, String at) {
    Optional<Duration> min = problems.duration(at, "min", a.min(), Duration.ZERO, false);
    Optional<Duration> max = problems.duration(at, "max", a.max(), Duration.ZERO, true);
    if (min.isEmpty() || max.isEmpty()) {
      return Optional.empty();
    }
    if (!problems.require(
        max.get().compareTo(min.get()) > 0,
        at,
        "max",
        "> min (" + Durations.format(min.get()) + ")",
        a.max())) {
      return Optional.empty();
    }
    return Optional.of(new Model(Delay.uniform(min.get(), max.get()), a.seed()));
  }

  /** {@code a}, validated; {@code at} names it in messages. */
  Optional<Model> logNormal(LogNormalDelay a, String at) {
    Optional<Duration> median = problems.duration(at, "median", a.median(), Duration.ZERO, true);
    boolean sigma =
        problems.require(
            Double.isFinite(a.sigma()) && a.sigma() > 0, at, "sigma", "finite and > 0", a.sigma());
    Optional<Duration> cap = cap(at, a.max(), median, "median");
    if (median.isEmpty() || !sigma || cap == null) {
      return Optional.empty();
    }
    Delay delay =
        cap.isPresent()
            ? Delay.logNormal(median.get(), a.sigma()).cappedAt(cap.get())
            : Delay.logNormal(median.get(), a.sigma());
    return Optional.of(new Model(delay, a.seed()));
  }

  /** {@code a}, validated; {@code at} names it in messages. */
  Optional<Model> pareto(ParetoDelay a, String at) {
    Optional<Duration> minimum = problems.duration(at, "minimum", a.minimum(), Duration.ZERO, true);
    boolean alpha =
        problems.require(
            Double.isFinite(a.alpha()) && a.alpha() > 0, at, "alpha", "finite and > 0", a.alpha());
    Optional<Duration> cap = cap(at, a.max(), minimum, "minimum");
    if (minimum.isEmpty() || !alpha || cap == null) {
      return Optional.empty();
    }
    Delay delay =
        cap.isPresent()
            ? Delay.pareto(minimum.get(), a.alpha()).cappedAt(cap.get())
            : Delay.pareto(minimum.get(), a.alpha());
    return Optional.of(new Model(delay, a.seed()));
  }

  /**
   * The optional cap {@code text} ({@code ""} for none), which must exceed {@code floor}.
   *
   * @return the cap, empty for none, or null when it is invalid
   */
  private Optional<Duration> cap(
      String annotation, String text, Optional<Duration> floor, String floorName) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> cap = problems.duration(annotation, "max", text, Duration.ZERO, true);
    if (cap.isEmpty()) {
      return null;
    }
    if (floor.isPresent()
        && !problems.require(
            cap.get().compareTo(floor.get()) > 0,
            annotation,
            "max",
            "\"\" (no cap) or > " + floorName + " (" + Durations.format(floor.get()) + ")",
            text)) {
      return null;
    }
    return cap;
  }

  /** {@code s}, validated; {@code at} names it in messages. */
  Optional<Stall> stall(ConsumerStall s, String at) {
    Optional<Duration> start = problems.duration(at, "at", s.at(), Duration.ZERO, false);
    Optional<Duration> length = problems.duration(at, "length", s.length(), Duration.ZERO, true);
    if (start.isEmpty() || length.isEmpty()) {
      return Optional.empty();
    }
    if (s.every().isEmpty()) {
      return Optional.of(Stall.once(start.get(), length.get()));
    }
    Optional<Duration> every = problems.duration(at, "every", s.every(), length.get(), true);
    return every.map(p -> new Stall(start.get(), length.get(), p));
  }
}
