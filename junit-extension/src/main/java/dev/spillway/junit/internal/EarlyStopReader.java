package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.junit.platform.commons.support.AnnotationSupport.findAnnotation;

import dev.spillway.junit.StopWhenCertain;
import dev.spillway.toolkit.verdict.EarlyStop;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Reads a method's {@link StopWhenCertain} and the switch {@value StopWhenCertain#SWITCH} that
 * turns every declared early stop off for a run: the one reading of both, for overload tests and
 * capacity tests alike.
 */
@API(status = INTERNAL, since = "0.1")
public final class EarlyStopReader {

  static final Duration MIN_LOOK_EVERY = Duration.ofMillis(10);
  static final Duration MAX_LOOK_EVERY = Duration.ofSeconds(10);

  private static final String ON = "@StopWhenCertain";

  private EarlyStopReader() {}

  /**
   * The early stop {@code method} declares, recording into {@code problems} each attribute that
   * breaks its rule; empty when it declares none or an attribute is wrong.
   */
  public static Optional<EarlyStop> read(Method method, ConfigProblems problems) {
    Optional<StopWhenCertain> found = findAnnotation(method, StopWhenCertain.class);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StopWhenCertain s = found.get();
    boolean confidence =
        problems.require(
            s.confidence() > 0.5 && s.confidence() < 1,
            ON,
            "confidence",
            "in (0.5, 1), such as 0.99",
            s.confidence());
    Optional<Duration> observe =
        problems.duration(ON, "minimumObservation", s.minimumObservation(), Duration.ZERO, true);
    Optional<Duration> look =
        problems.duration(ON, "lookEvery", s.lookEvery(), MIN_LOOK_EVERY, false, MAX_LOOK_EVERY);
    if (!confidence || observe.isEmpty() || look.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        EarlyStop.at(s.confidence())
            .withMinimumObservation(observe.get())
            .withLookEvery(look.get()));
  }

  /**
   * Whether the configuration parameter {@value StopWhenCertain#SWITCH} switches the declared early
   * stops off: {@code off}; {@code declared} or absent keeps them.
   *
   * @throws ExtensionConfigurationException when it is set to anything else
   */
  public static boolean switchedOff(Function<String, Optional<String>> parameters) {
    String early = parameters.apply(StopWhenCertain.SWITCH).orElse("declared");
    if (!early.equals("declared") && !early.equals("off")) {
      throw new ExtensionConfigurationException(
          "the configuration parameter "
              + StopWhenCertain.SWITCH
              + " must be declared or off, but was \""
              + early
              + "\"");
    }
    return early.equals("off");
  }
}
