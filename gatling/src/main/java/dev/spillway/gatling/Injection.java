package dev.spillway.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.load.LoadPhase;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.PhaseKind;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A toolkit {@link LoadProfile} as Gatling open-model injection steps, one per phase, so that one
 * profile (a seed spike, say) drives both a JUnit overload test and a Gatling simulation: a
 * constant phase becomes {@code constantUsersPerSec(rate).during(d)}, a ramp {@code
 * rampUsersPerSec(from).to(to).during(d)}, a burst {@code atOnceUsers(n)} and a pause {@code
 * nothingFor(d)}. Each virtual user sends one message.
 *
 * <pre>{@code
 * LoadProfile spike = LoadProfile.builder()
 *     .constant(150).perSecond().during(Duration.ofSeconds(1))
 *     .constant(250).perSecond().during(Duration.ofSeconds(3))
 *     .build();
 * setUp(scenario.injectOpen(Injection.of(spike)));
 * }</pre>
 *
 * <p>Gatling spaces a constant rate's users evenly, as the toolkit's driver does. Thread-safety:
 * stateless.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Injection {

  /** The most users one burst phase may inject at once (Gatling counts them in an int). */
  static final long MAX_BURST = Integer.MAX_VALUE;

  private Injection() {}

  /** The injection steps of {@code profile}, one per phase, in order. */
  public static OpenInjectionStep[] of(LoadProfile profile) {
    return of(profile, Injectors.single());
  }

  /**
   * This injector's share of {@code profile}: every rate divided by the injector count, a burst's
   * users shared out (the remainder to the lowest indexes), pauses and durations unchanged — so N
   * injectors started together send the profile between them.
   */
  public static OpenInjectionStep[] of(LoadProfile profile, Injectors injectors) {
    List<OpenInjectionStep> out = new ArrayList<>();
    for (Step step : plan(profile, injectors)) {
      out.add(step.toGatling());
    }
    return out.toArray(OpenInjectionStep[]::new);
  }

  /** The steps of {@code profile}, as plain values. */
  static List<Step> plan(LoadProfile profile) {
    return plan(profile, Injectors.single());
  }

  /** This injector's steps of {@code profile}, as plain values. */
  static List<Step> plan(LoadProfile profile, Injectors injectors) {
    Checks.notNull(profile, "load profile");
    Checks.notNull(injectors, "injectors");
    List<Step> steps = new ArrayList<>();
    for (LoadPhase phase : profile.phases()) {
      Step whole = Step.of(phase);
      steps.add(
          new Step(
              whole.kind(),
              injectors.share(whole.fromPerSecond()),
              injectors.share(whole.toPerSecond()),
              whole.duration(),
              injectors.share(whole.users())));
    }
    return steps;
  }

  /**
   * One injection step.
   *
   * @param kind the phase's kind
   * @param fromPerSecond the rate at its start (0 for a burst or a pause)
   * @param toPerSecond the rate at its end (0 for a burst or a pause)
   * @param duration how long it lasts (zero for a burst)
   * @param users the users a burst injects at once (0 otherwise)
   */
  record Step(
      PhaseKind kind, double fromPerSecond, double toPerSecond, Duration duration, long users) {

    static Step of(LoadPhase phase) {
      return switch (phase.kind()) {
        case CONSTANT ->
            new Step(
                PhaseKind.CONSTANT,
                phase.startRatePerSecond(),
                phase.startRatePerSecond(),
                phase.duration(),
                0);
        case RAMP ->
            new Step(
                PhaseKind.RAMP,
                phase.startRatePerSecond(),
                phase.endRatePerSecond(),
                phase.duration(),
                0);
        case BURST -> {
          Checks.check(
              phase.plannedMessages() <= MAX_BURST,
              "burst phase '" + phase.name() + "' messages",
              "<= " + MAX_BURST + " (Gatling injects at most that many users at once)",
              phase.plannedMessages());
          yield new Step(PhaseKind.BURST, 0, 0, Duration.ZERO, phase.plannedMessages());
        }
        case PAUSE -> new Step(PhaseKind.PAUSE, 0, 0, phase.duration(), 0);
      };
    }

    OpenInjectionStep toGatling() {
      return switch (kind) {
        case CONSTANT -> constantUsersPerSec(fromPerSecond).during(duration);
        case RAMP -> rampUsersPerSec(fromPerSecond).to(toPerSecond).during(duration);
        case BURST -> users == 0 ? nothingFor(Duration.ZERO) : atOnceUsers((int) users);
        case PAUSE -> nothingFor(duration);
      };
    }
  }
}
