package dev.spillway.junit.internal;

import static org.junit.platform.commons.support.AnnotationSupport.findRepeatableAnnotations;

import dev.spillway.junit.ConsumerStall;
import dev.spillway.junit.SlowMethod;
import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.inject.InjectedFault;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.inject.Stall;
import dev.spillway.toolkit.inject.method.MethodInjector;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@link SlowMethod} annotations of one test method into checked method injections: the
 * class and method are found and checked (loaded, not initialised; nothing is woven) before the
 * test's body runs.
 */
final class MethodInjectionReader {

  private final Method test;
  private final String name;
  private final ConfigProblems problems;
  private final InjectionReader models;

  MethodInjectionReader(Method test, String name, ConfigProblems problems) {
    this.test = test;
    this.name = name;
    this.problems = problems;
    this.models = new InjectionReader(test, name, problems);
  }

  List<MethodInjectionSpec> read() {
    List<MethodInjectionSpec> specs = new ArrayList<>();
    Set<Method> taken = new HashSet<>();
    for (SlowMethod a : findRepeatableAnnotations(test, SlowMethod.class)) {
      read(a)
          .ifPresent(
              spec -> {
                Method m = spec.injector().check();
                if (taken.add(m)) {
                  specs.add(spec);
                } else {
                  problems.add(
                      spec.source()
                          + " slows a method another @SlowMethod slows already: declare one"
                          + " @SlowMethod per method");
                }
              });
    }
    return specs;
  }

  private Optional<MethodInjectionSpec> read(SlowMethod a) {
    String at =
        "@SlowMethod("
            + (a.type() != void.class
                ? a.type().getSimpleName()
                : a.typeName().substring(a.typeName().lastIndexOf('.') + 1))
            + "."
            + a.method()
            + ")";
    int before = problems.problems().size();
    boolean byType = a.type() != void.class;
    boolean byName = !a.typeName().isBlank();
    problems.require(
        byType != byName,
        at,
        "exactly one of type and typeName",
        "given",
        byType && byName ? "both" : "neither");
    problems.require(!a.method().isBlank(), at, "method", "not blank", a.method());
    Optional<InjectionReader.Model> model = delay(a, at);
    List<Stall> stalls = new ArrayList<>();
    for (ConsumerStall s : a.stalls()) {
      models.stall(s, at + ".stalls").ifPresent(stalls::add);
    }
    problems.require(
        a.rateCap() == 0 || (Double.isFinite(a.rateCap()) && a.rateCap() > 0),
        at,
        "rateCap",
        "0 (no cap) or finite and > 0",
        a.rateCap());
    problems.require(
        a.failProbability() >= 0 && a.failProbability() <= 1,
        at,
        "failProbability",
        "in [0, 1]",
        a.failProbability());
    problems.require(
        a.failWith() == InjectedFault.class || a.failProbability() > 0,
        at,
        "failProbability",
        "> 0 when failWith is given (" + a.failWith().getName() + ")",
        a.failProbability());
    problems.require(
        a.phase().isEmpty() || !a.phase().isBlank(),
        at,
        "phase",
        "\"\" or a phase name",
        a.phase());
    boolean nothing =
        model.isEmpty() && stalls.isEmpty() && a.rateCap() == 0 && a.failProbability() == 0;
    if (nothing && problems.problems().size() == before) {
      problems.add(
          at
              + " injects nothing: give a delay (delay, uniform, logNormal or pareto), stalls,"
              + " a rateCap or a failProbability");
    }
    if (problems.problems().size() > before) {
      return Optional.empty();
    }
    Injector injector = Injector.named(name + " " + a.method());
    if (model.isPresent()) {
      injector = injector.withDelay(model.get().delay()).withSeed(model.get().seed());
    }
    for (Stall s : stalls) {
      injector = injector.withStall(s);
    }
    if (a.rateCap() > 0) {
      injector = injector.withRateCap(a.rateCap());
    }
    injector = injector.withFaultProbability(a.failProbability());
    try {
      MethodInjector method =
          byType
              ? MethodInjector.on(a.type(), a.method())
              : MethodInjector.on(a.typeName(), a.method())
                  .withClassLoader(test.getDeclaringClass().getClassLoader());
      if (a.parameterTypes().length > 0) {
        method = method.withParameterTypeNames(a.parameterTypes());
      }
      method = method.using(injector);
      if (a.failWith() != InjectedFault.class) {
        method = method.failingWith(a.failWith(), a.failMessage());
      }
      method.check();
      return Optional.of(
          new MethodInjectionSpec(
              method, a.phase().isEmpty() ? Optional.empty() : Optional.of(a.phase()), at));
    } catch (IllegalArgumentException e) {
      problems.add(at + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<InjectionReader.Model> delay(SlowMethod a, String at) {
    int given =
        (a.delay().isEmpty() ? 0 : 1)
            + a.uniform().length
            + a.logNormal().length
            + a.pareto().length;
    if (given > 1) {
      problems.add(
          at
              + " requires at most one delay (delay, uniform, logNormal or pareto, one element"
              + " each), but was given "
              + given);
      return Optional.empty();
    }
    if (!a.delay().isEmpty()) {
      return problems
          .duration(at, "delay", a.delay(), Duration.ZERO, true)
          .map(d -> new InjectionReader.Model(Delay.fixed(d), Injector.DEFAULT_SEED));
    }
    if (a.uniform().length == 1) {
      return models.uniform(a.uniform()[0], at + ".uniform");
    }
    if (a.logNormal().length == 1) {
      return models.logNormal(a.logNormal()[0], at + ".logNormal");
    }
    if (a.pareto().length == 1) {
      return models.pareto(a.pareto()[0], at + ".pareto");
    }
    return Optional.empty();
  }
}
