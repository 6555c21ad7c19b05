package dev.spillway.toolkit.inject;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The package documentation's example, compiled and run (with shorter times). */
class UsageExampleTest {

  record Order(int id) {}

  @Test
  void packageExample_slowsTheHandlerThenRestoresIt() {
    List<Order> handled = new CopyOnWriteArrayList<>();
    List<TraceEvent> events = new CopyOnWriteArrayList<>();
    Consumer<Order> handler = handled::add;

    Injector injector =
        Injector.named("orders")
            .withPlan(
                DelayPlan.starting(Delay.none())
                    .then(Duration.ofMillis(20), Delay.fixed(5, MILLISECONDS)))
            .withStall(Stall.once(Duration.ofMillis(30), Duration.ofMillis(10)))
            .withFaultProbability(0.01)
            .withEventSink(events::add);
    int faults = 0;
    Consumer<Order> slow;
    try (Injection injection = injector.start()) {
      slow = SlowConsumer.decorateConsumer(handler, injection);
      for (int i = 0; i < 20; i++) {
        try {
          slow.accept(new Order(i));
        } catch (InjectedFault e) {
          faults++; // a ledger would record the message as failed
        }
      }
      assertThat(injection.faults()).isEqualTo(faults);
    } // closed: slow.accept now calls handler straight through
    slow.accept(new Order(99));

    assertThat(handled).hasSize(20 - faults + 1).last().isEqualTo(new Order(99));
    assertThat(events)
        .first()
        .extracting(TraceEvent::detail)
        .asString()
        .startsWith("injection started");
    assertThat(events)
        .last()
        .extracting(TraceEvent::detail)
        .asString()
        .startsWith("injection closed");
  }
}
