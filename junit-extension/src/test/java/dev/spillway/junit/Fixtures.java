package dev.spillway.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.spillway.junit.internal.ReportSettings;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs {@link Fixture} classes through the Jupiter engine, as junit-pioneer's PioneerTestKit. */
public final class Fixtures {

  private Fixtures() {}

  /** What running one fixture method gave. */
  public record Outcome(
      TestExecutionResult.Status status,
      Optional<Throwable> failure,
      List<String> reports,
      Duration took) {

    /** The failure's message; fails when the test did not fail. */
    public String message() {
      return failure
          .map(Throwable::getMessage)
          .orElseThrow(() -> new AssertionError("the fixture did not fail: " + status));
    }
  }

  /**
   * Where fixture runs write their reports unless a test says otherwise: apart from the reports of
   * the module's real overload tests (the examples).
   */
  public static final String REPORT_DIR = "target/spillway-fixtures";

  /** Runs the method named {@code name} of {@code fixture}. */
  public static Outcome run(Class<?> fixture, String name) {
    return run(fixture, name, Map.of());
  }

  /** Runs the method named {@code name} of {@code fixture} with configuration parameters. */
  public static Outcome run(Class<?> fixture, String name, Map<String, String> parameters) {
    List<Outcome> outcomes = runEach(fixture, name, parameters);
    if (outcomes.size() != 1) {
      throw new AssertionError("expected one finished test, but got " + outcomes);
    }
    return outcomes.get(0);
  }

  /**
   * Runs the method named {@code name} of {@code fixture} with configuration parameters: the
   * outcome of each test it gave, in the order they finished (one per invocation of a test
   * template); each outcome's reports are those published by that test.
   */
  public static List<Outcome> runEach(
      Class<?> fixture, String name, Map<String, String> parameters) {
    List<Method> named =
        Arrays.stream(fixture.getDeclaredMethods()).filter(m -> m.getName().equals(name)).toList();
    if (named.size() != 1) {
      // the JVM lists declared methods in no set order: one of two overloads would be run by chance
      throw new IllegalArgumentException(
          named.isEmpty()
              ? "no fixture method " + name
              : fixture.getSimpleName()
                  + " has "
                  + named.size()
                  + " methods named "
                  + name
                  + ": give the fixture method a name of its own");
    }
    Method method = named.get(0);
    long start = System.nanoTime();
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectMethod(fixture, method))
            .configurationParameter(Fixture.ENABLED, "true")
            .configurationParameter(ReportSettings.DIRECTORY, REPORT_DIR)
            .configurationParameters(parameters)
            .execute();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    List<Outcome> outcomes = new ArrayList<>();
    for (Event finished : results.testEvents().finished().list()) {
      TestExecutionResult result = finished.getRequiredPayload(TestExecutionResult.class);
      List<String> reports =
          results.allEvents().reportingEntryPublished().stream()
              .filter(e -> e.getTestDescriptor().equals(finished.getTestDescriptor()))
              .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
              .flatMap(pairs -> pairs.entrySet().stream())
              .filter(e -> e.getKey().equals(OverloadResult.REPORT_KEY))
              .map(Map.Entry::getValue)
              .toList();
      outcomes.add(new Outcome(result.getStatus(), result.getThrowable(), reports, took));
    }
    return outcomes;
  }

  /** Runs every test of {@code fixture} with the given configuration parameters. */
  public static EngineExecutionResults runAll(Class<?> fixture, Map<String, String> parameters) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(fixture))
        .configurationParameter(Fixture.ENABLED, "true")
        .configurationParameter(ReportSettings.DIRECTORY, REPORT_DIR)
        .configurationParameters(parameters)
        .execute();
  }

  /** The names of the live threads whose names start with {@code spillway-}. */
  public static List<String> spillwayThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("spillway-"))
        .sorted()
        .toList();
  }
}
