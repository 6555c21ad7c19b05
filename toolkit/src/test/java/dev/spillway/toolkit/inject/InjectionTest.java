package dev.spillway.toolkit.inject;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The injection's logic against a fake clock: exact, deterministic, no real waiting. */
class InjectionTest {

  private static final long MS = 1_000_000;

  private final FakeTime time = new FakeTime();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  private Injection start(Injector injector) {
    return injector.withTimeSource(time).start();
  }

  /** Moves the fake clock to {@code at} after {@code injection}'s start and makes one call. */
  private long callAt(Injection injection, long origin, Duration at) throws InterruptedException {
    time.set(origin, at);
    time.takeParked();
    injection.beforeCall();
    return time.takeParked();
  }

  @Test
  void plan_switchesModelAtEachStepOffsetFromTheStart() throws InterruptedException {
    long origin = time.nanoTime();
    Injection injection =
        start(
            Injector.named("p")
                .withPlan(
                    DelayPlan.starting(Delay.none())
                        .then(Duration.ofSeconds(2), Delay.fixed(5, MILLISECONDS))
                        .then(Duration.ofSeconds(4), Delay.fixed(1, MILLISECONDS))));
    assertThat(callAt(injection, origin, Duration.ZERO)).isZero();
    assertThat(callAt(injection, origin, Duration.ofNanos(1_999_999_999))).isZero();
    assertThat(callAt(injection, origin, Duration.ofSeconds(2))).isEqualTo(5 * MS);
    assertThat(callAt(injection, origin, Duration.ofMillis(3999))).isEqualTo(5 * MS);
    assertThat(callAt(injection, origin, Duration.ofSeconds(4))).isEqualTo(MS);
    assertThat(callAt(injection, origin, Duration.ofSeconds(100))).isEqualTo(MS);
  }

  @Test
  void stallOnce_holdsCallsInsideItsWindowUntilItEnds() throws InterruptedException {
    long origin = time.nanoTime();
    Injection injection =
        start(
            Injector.named("s")
                .withStall(Stall.once(Duration.ofSeconds(1), Duration.ofMillis(500))));
    assertThat(callAt(injection, origin, Duration.ofMillis(999))).isZero();
    assertThat(callAt(injection, origin, Duration.ofMillis(1000))).isEqualTo(500 * MS);
    assertThat(callAt(injection, origin, Duration.ofMillis(1200))).isEqualTo(300 * MS);
    assertThat(callAt(injection, origin, Duration.ofMillis(1500))).isZero();
    assertThat(callAt(injection, origin, Duration.ofSeconds(60))).isZero();
  }

  @Test
  void stallEvery_holdsCallsInEveryPeriodsWindow() throws InterruptedException {
    long origin = time.nanoTime();
    Injection injection =
        start(Injector.named("s").withStall(Stall.every(1000, 100, MILLISECONDS)));
    assertThat(callAt(injection, origin, Duration.ofMillis(500))).isZero();
    assertThat(callAt(injection, origin, Duration.ofMillis(1050))).isEqualTo(50 * MS);
    assertThat(callAt(injection, origin, Duration.ofMillis(1100))).isZero();
    assertThat(callAt(injection, origin, Duration.ofMillis(3099))).isEqualTo(MS);
  }

  @Test
  void overlappingStalls_holdUntilTheLastWindowEnds() throws InterruptedException {
    long origin = time.nanoTime();
    Injection injection =
        start(
            Injector.named("s")
                .withStall(Stall.once(1000, 500, MILLISECONDS))
                .withStall(Stall.once(1400, 600, MILLISECONDS)));
    assertThat(callAt(injection, origin, Duration.ofMillis(1200))).isEqualTo(800 * MS);
  }

  @Test
  void stallThenDelay_usesThePlanStepInForceWhenTheStallEnds() throws InterruptedException {
    long origin = time.nanoTime();
    Injection injection =
        start(
            Injector.named("s")
                .withStall(Stall.once(1000, 500, MILLISECONDS))
                .withPlan(
                    DelayPlan.starting(Delay.none())
                        .then(1300, MILLISECONDS, Delay.fixed(5, MILLISECONDS))));
    assertThat(callAt(injection, origin, Duration.ofMillis(1200))).isEqualTo(305 * MS);
  }

  @Test
  void rateCap_pacesBackToBackCallsOneIntervalApartWithoutBursts() throws InterruptedException {
    long origin = time.nanoTime();
    Injection injection = start(Injector.named("r").withRateCap(4));
    List<Long> startedAt = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      injection.beforeCall();
      startedAt.add((time.nanoTime() - origin) / MS);
    }
    assertThat(startedAt).containsExactly(0L, 250L, 500L, 750L, 1000L);
    time.advance(Duration.ofSeconds(10)); // idle: unused slots are not saved up
    long idleEnd = time.nanoTime();
    injection.beforeCall();
    injection.beforeCall();
    assertThat(time.nanoTime() - idleEnd).isEqualTo(250 * MS);
  }

  @Test
  void rateCap_withAFractionalInterval_doesNotDrift() throws InterruptedException {
    long origin = time.nanoTime();
    Injection injection = start(Injector.named("r").withRateCap(3)); // 333,333,333.3 ns apart
    for (int i = 0; i < 3001; i++) {
      injection.beforeCall();
    }
    assertThat(time.nanoTime() - origin).isCloseTo(1000L * 1_000_000_000, within(1L));
  }

  @Test
  void rateCap_withParksThatOvershoot_keepsItsScheduleInsteadOfDrifting()
      throws InterruptedException {
    FakeTime slack = new FakeTime(60_000); // every park wakes 60 µs late
    long origin = slack.nanoTime();
    Injection injection = Injector.named("r").withRateCap(300).withTimeSource(slack).start();
    for (int i = 0; i < 3001; i++) {
      injection.beforeCall();
    }
    // 3000 intervals of 3.33 ms plus the last overshoot, not plus 3000 overshoots
    assertThat(slack.nanoTime() - origin).isCloseTo(10_000_000_000L + 60_000, within(1L));
  }

  @Test
  void delay_carriesAParksOvershootIntoTheNextDelay_soTheTotalMatchesTheModel()
      throws InterruptedException {
    FakeTime slack = new FakeTime(60_000); // every park wakes 60 µs late
    long origin = slack.nanoTime();
    Injection injection =
        Injector.named("d").withDelay(Delay.fixed(5, MILLISECONDS)).withTimeSource(slack).start();
    for (int i = 0; i < 1000; i++) {
      injection.beforeCall();
    }
    // without the carry it would be 1000 × 5.06 ms
    assertThat(slack.nanoTime() - origin).isEqualTo(1000 * 5 * MS + 60_000);
  }

  @Test
  void delay_shorterThanTheOvershoot_isPaidBackBySkippingWaits() throws InterruptedException {
    FakeTime slack = new FakeTime(60_000);
    long origin = slack.nanoTime();
    Injection injection =
        Injector.named("d")
            .withDelay(Delay.fixed(Duration.ofNanos(20_000)))
            .withTimeSource(slack)
            .start();
    for (int i = 0; i < 1000; i++) {
      injection.beforeCall();
    }
    assertThat(slack.nanoTime() - origin).isBetween(1000 * 20_000L, 1000 * 20_000L + 60_000);
  }

  @Test
  void sameSeed_drawsTheSameDelaysAndAnotherSeedDoesNot() throws InterruptedException {
    Injector injector =
        Injector.named("d").withDelay(Delay.uniform(1, 9, MILLISECONDS)).withSeed(42);
    assertThat(parksOf(injector))
        .isEqualTo(parksOf(injector))
        .isNotEqualTo(parksOf(injector.withSeed(43)));
  }

  private List<Long> parksOf(Injector injector) throws InterruptedException {
    Injection injection = start(injector);
    List<Long> parks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      time.takeParked();
      injection.beforeCall();
      parks.add(time.takeParked());
    }
    return parks;
  }

  @Test
  void faults_areThrownWithTheirProbabilityAndReproducibleBySeed() {
    Injector injector = Injector.named("f").withFaultProbability(0.3).withSeed(42);
    boolean[] first = faultsOf(injector, 10_000);
    assertThat(faultsOf(injector, 10_000)).isEqualTo(first);
    assertThat(faultsOf(injector.withSeed(43), 10_000)).isNotEqualTo(first);
    int count = 0;
    for (boolean f : first) {
      count += f ? 1 : 0;
    }
    assertThat(count / 10_000.0).isCloseTo(0.3, within(0.015)); // ±3.3 σ
  }

  @Test
  void faults_doNotDependOnTheDelayModel() {
    Injector plain = Injector.named("f").withFaultProbability(0.5).withSeed(7);
    assertThat(faultsOf(plain.withDelay(Delay.uniform(1, 2, MILLISECONDS)), 500))
        .isEqualTo(faultsOf(plain, 500));
  }

  @Test
  void faults_withProbabilityZeroOrOne_neverOrAlwaysFire() {
    boolean[] never = faultsOf(Injector.named("f").withFaultProbability(0), 200);
    boolean[] always = faultsOf(Injector.named("f").withFaultProbability(1), 200);
    assertThat(never).doesNotContain(true);
    assertThat(always).doesNotContain(false);
  }

  private boolean[] faultsOf(Injector injector, int calls) {
    Injection injection = start(injector);
    boolean[] faulted = new boolean[calls];
    for (int i = 0; i < calls; i++) {
      try {
        injection.beforeCall();
      } catch (InjectedFault e) {
        faulted[i] = true;
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    return faulted;
  }

  @Test
  void injectedFault_saysItWasInjectedAndCountsIt() {
    Injection injection = start(Injector.named("orders").withFaultProbability(1));
    assertThatThrownBy(injection::beforeCall)
        .isInstanceOfSatisfying(
            InjectedFault.class,
            f -> {
              assertThat(f.injectionName()).isEqualTo("orders");
              assertThat(f.probability()).isEqualTo(1.0);
            })
        .hasMessage(
            "Injected fault from injection 'orders' (probability 1.0): thrown on purpose by"
                + " Spillway, not a real failure");
    assertThat(injection.faults()).isEqualTo(1);
    assertThat(injection.calls()).isEqualTo(1);
  }

  @Test
  void close_makesLaterCallsGoStraightThrough() throws InterruptedException {
    Injection injection =
        start(
            Injector.named("c")
                .withDelay(Delay.fixed(5, MILLISECONDS))
                .withStall(Stall.once(0, 1000, MILLISECONDS))
                .withRateCap(1)
                .withFaultProbability(1));
    injection.close();
    injection.close(); // idempotent
    long before = time.nanoTime();
    for (int i = 0; i < 10; i++) {
      injection.beforeCall();
    }
    assertThat(time.nanoTime()).isEqualTo(before);
    assertThat(injection.isClosed()).isTrue();
    assertThat(injection.calls()).isZero();
  }

  @Test
  void interruptedThread_stopsInsteadOfWaiting_andKeepsItsInterruptFlag() {
    Injection injection = start(Injector.named("i").withDelay(Delay.fixed(5, MILLISECONDS)));
    Thread.currentThread().interrupt();
    assertThatThrownBy(injection::beforeCall)
        .isInstanceOf(InterruptedException.class)
        .hasMessage("interrupted in an injected wait of injection 'i'; the call was not made");
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    assertThat(time.takeParked()).isZero();
  }

  @Test
  void interruptedThread_withNothingToWaitFor_isNotStoppedAndKeepsItsFlag() {
    Injection injection = start(Injector.named("i"));
    Thread.currentThread().interrupt();
    assertThatCode(injection::beforeCall).doesNotThrowAnyException();
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void events_markEachPlanStepAndStallWindowAtItsScheduledTime() throws InterruptedException {
    List<TraceEvent> events = new ArrayList<>();
    long origin = time.nanoTime();
    Injection injection =
        start(
            Injector.named("orders")
                .withPlan(
                    DelayPlan.starting(Delay.none())
                        .then(
                            1, java.util.concurrent.TimeUnit.SECONDS, Delay.fixed(5, MILLISECONDS))
                        .then(2, java.util.concurrent.TimeUnit.SECONDS, Delay.none()))
                .withStall(Stall.once(1500, 200, MILLISECONDS))
                .withEventSink(events::add));
    assertThat(events).hasSize(1);
    callAt(injection, origin, Duration.ofMillis(500));
    callAt(injection, origin, Duration.ofMillis(1600)); // held until 1700
    callAt(injection, origin, Duration.ofMillis(2500));
    time.set(origin, Duration.ofSeconds(3));
    injection.close();
    assertThat(events)
        .allMatch(e -> e.kind() == TraceEvent.Kind.INJECTION && e.source().equals("orders"));
    assertThat(events)
        .extracting(e -> (e.nanoTime() - origin) / MS)
        .containsExactly(0L, 1000L, 1500L, 1700L, 2000L, 3000L);
    assertThat(events)
        .extracting(TraceEvent::detail)
        .satisfiesExactly(
            d ->
                assertThat(d)
                    .startsWith("injection started: delay plan step 1/3 begins: NoDelayModel[]")
                    .contains("seed=" + Injector.DEFAULT_SEED),
            d ->
                assertThat(d)
                    .isEqualTo(
                        "delay plan step 2/3 begins at +PT1S: FixedDelayModel[delay=PT0.005S] (delay plan step 1/3 ends)"),
            d ->
                assertThat(d)
                    .isEqualTo(
                        "stall 1/1 begins at +PT1.5S for PT0.2S: Stall[start=PT1.5S, length=PT0.2S, period=once]"),
            d -> assertThat(d).isEqualTo("stall 1/1 ends at +PT1.7S"),
            d ->
                assertThat(d)
                    .isEqualTo(
                        "delay plan step 3/3 begins at +PT2S: NoDelayModel[] (delay plan step 2/3 ends)"),
            d ->
                assertThat(d)
                    .isEqualTo(
                        "injection closed at +PT3S: delay plan step 3/3 ends; 3 calls, 0 faults injected"));
  }

  @Test
  void events_ofPeriodicStalls_areReportedEvenWhenNoCallCameDuringThem() {
    List<TraceEvent> events = new ArrayList<>();
    long origin = time.nanoTime();
    Injection injection =
        start(
            Injector.named("p")
                .withStall(Stall.every(100, 10, MILLISECONDS).startingAt(Duration.ZERO))
                .withEventSink(events::add));
    time.set(origin, Duration.ofMillis(205));
    injection.close();
    assertThat(events)
        .extracting(e -> (e.nanoTime() - origin) / MS)
        .containsExactly(0L, 0L, 10L, 100L, 110L, 200L, 205L);
    assertThat(events.get(events.size() - 1).detail())
        .isEqualTo(
            "injection closed at +PT0.205S: delay plan step 1/1 ends, stall 1/1 ends early; 0 calls, 0 faults injected");
  }
}
