package dev.spillway.toolkit.inject;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.record.EventSink;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InjectorTest {

  @Test
  void named_startsWithNothingInjected() {
    Injector i = Injector.named("orders");
    assertThat(i.name()).isEqualTo("orders");
    assertThat(i.plan()).isEqualTo(DelayPlan.starting(Delay.none()));
    assertThat(i.stalls()).isEmpty();
    assertThat(i.rateCap()).isEmpty();
    assertThat(i.faultProbability()).isZero();
    assertThat(i.seed()).isEqualTo(Injector.DEFAULT_SEED);
    assertThat(i.eventSink()).isSameAs(EventSink.NONE);
  }

  @Test
  void withMethods_returnNewInjectorsAndKeepTheOthersSettings() {
    Injector base = Injector.named("orders");
    Stall a = Stall.once(1, 1, MILLISECONDS);
    Stall b = Stall.every(10, 1, MILLISECONDS);
    EventSink sink = e -> {};
    Injector i =
        base.withDelay(Delay.fixed(5, MILLISECONDS))
            .withStall(a)
            .withStall(b)
            .withRateCap(150)
            .withFaultProbability(0.25)
            .withSeed(42)
            .withEventSink(sink);
    assertThat(i.plan()).isEqualTo(DelayPlan.starting(Delay.fixed(5, MILLISECONDS)));
    assertThat(i.stalls()).containsExactly(a, b);
    assertThat(i.rateCap()).hasValue(150);
    assertThat(i.faultProbability()).isEqualTo(0.25);
    assertThat(i.seed()).isEqualTo(42);
    assertThat(i.eventSink()).isSameAs(sink);
    assertThat(base.stalls()).isEmpty();
    assertThat(base.rateCap()).isEmpty();
    DelayPlan plan = DelayPlan.starting(Delay.none()).then(Duration.ofSeconds(1), Delay.none());
    assertThat(i.withPlan(plan).plan()).isSameAs(plan);
    assertThat(i.withPlan(plan).stalls()).containsExactly(a, b);
  }

  @Test
  void stalls_cannotBeChangedFromOutside() {
    assertThatThrownBy(
            () -> Injector.named("x").withStall(Stall.once(1, 1, MILLISECONDS)).stalls().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toString_listsEverySetting() {
    assertThat(
            Injector.named("orders")
                .withDelay(Delay.fixed(5, MILLISECONDS))
                .withStall(Stall.once(1, 2, MILLISECONDS))
                .withRateCap(150)
                .withFaultProbability(0.1)
                .withSeed(7))
        .hasToString(
            "Injector[name=orders, plan=DelayPlan[+PT0S: FixedDelayModel[delay=PT0.005S]],"
                + " stalls=[Stall[start=PT0.001S, length=PT0.002S, period=once]],"
                + " rateCap=150.0/s, faultProbability=0.1, seed=7, eventSink=none]");
  }

  @Test
  void everySetting_rejectsBadValues() {
    Injector i = Injector.named("orders");
    assertThatThrownBy(() -> Injector.named(" "))
        .hasMessage("injector name must not be blank, but was ' '");
    assertThatThrownBy(() -> Injector.named(null)).hasMessage("injector name must not be null");
    assertThatThrownBy(() -> i.withDelay(null)).hasMessage("delay must not be null");
    assertThatThrownBy(() -> i.withPlan(null)).hasMessage("delay plan must not be null");
    assertThatThrownBy(() -> i.withStall(null)).hasMessage("stall must not be null");
    for (double bad : List.of(0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY)) {
      assertThatThrownBy(() -> i.withRateCap(bad))
          .hasMessage("rate cap (calls per second) must be a finite number > 0, but was " + bad);
    }
    for (double bad : List.of(-0.01, 1.01, Double.NaN)) {
      assertThatThrownBy(() -> i.withFaultProbability(bad))
          .hasMessage("fault probability must be in [0, 1], but was " + bad);
    }
    assertThatThrownBy(() -> i.withEventSink(null)).hasMessage("event sink must not be null");
    assertThatThrownBy(() -> i.withTimeSource(null)).hasMessage("time source must not be null");
  }
}
