package dev.spillway.toolkit.inject.method;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.inject.InjectedFault;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.inject.Stall;
import dev.spillway.toolkit.inject.method.OrderRepository.Order;
import dev.spillway.toolkit.inject.method.internal.MethodDispatch;
import dev.spillway.toolkit.inject.method.internal.Weaver;
import dev.spillway.toolkit.record.TraceEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MethodInjectorTest {

  private final OrderRepository repository = new OrderRepository();
  private final OrderService service = new OrderService(repository);

  @BeforeAll
  static void attachTheAgentFirst() {
    Weaver.instrumentation(); // attaching takes a while once: not inside the timed parts
  }

  @Test
  void fixedDelay_slowsEveryCallDeepInside_andCloseRestoresTheClassExactly() throws Exception {
    byte[] original = ClassBytes.of(OrderRepository.class);
    int calls = 20;
    MethodInjection injection =
        MethodInjector.on(OrderRepository.class, "insert")
            .withParameterTypes(Order.class)
            .using(Injector.named("slow insert").withDelay(Delay.fixed(5, MILLISECONDS)))
            .install();
    try {
      assertThat(ClassBytes.of(OrderRepository.class))
          .as("woven while open")
          .isNotEqualTo(original);
      long took = timeCalls(calls);
      assertThat(took)
          .as("%d calls of 5 ms each", calls)
          .isGreaterThanOrEqualTo(calls * 5_000_000L);
      assertThat(repository.inserted()).isEqualTo(calls);
      assertThat(injection.injection().calls()).isEqualTo(calls);
    } finally {
      injection.close();
    }
    long stray = MethodDispatch.strayCalls();
    long after = timeCalls(calls);
    assertThat(after).as("the same calls once closed").isLessThan(calls * 5_000_000L);
    assertThat(repository.inserted()).isEqualTo(2L * calls);
    assertThat(injection.injection().calls()).as("no call reached the injection").isEqualTo(calls);
    assertThat(MethodDispatch.strayCalls()).as("no call went through woven code").isEqualTo(stray);
    assertThat(ClassBytes.of(OrderRepository.class)).as("restored").isEqualTo(original);
    assertThat(Weaver.isWoven(injection.method())).isFalse();
    assertThat(MethodInjection.wovenMethods()).isEmpty();
  }

  @Test
  void theOtherOverload_isNotWoven() throws Exception {
    try (MethodInjection injection =
        MethodInjector.on(OrderRepository.class.getName(), "insert")
            .withParameterTypeNames("Order", "boolean")
            .using(Injector.named("slow flush").withFaultProbability(1))
            .install()) {
      repository.insert(new Order(1)); // the one-argument overload: not woven
      assertThatThrownBy(() -> repository.insert(new Order(2), true))
          .isInstanceOf(InjectedFault.class)
          .hasMessageContaining("'slow flush'");
      assertThat(repository.inserted()).isEqualTo(1);
      assertThat(injection.injection().calls()).isEqualTo(1);
    }
  }

  @Test
  void stall_holdsCallsUntilTheWindowEnds() throws Exception {
    List<TraceEvent> events = new CopyOnWriteArrayList<>();
    try (MethodInjection injection =
        MethodInjector.on(OrderRepository.class, "insert")
            .withParameterTypes(Order.class)
            .using(
                Injector.named("stalled insert")
                    .withStall(Stall.once(Duration.ZERO, Duration.ofMillis(400)))
                    .withEventSink(events::add))
            .install()) {
      long started = events.get(0).nanoTime(); // the injection's start: the window's origin
      long called = System.nanoTime();
      service.handle(1);
      long returned = System.nanoTime();
      assertThat(called - started).as("called inside the window").isLessThan(400_000_000L);
      assertThat(returned - started).isGreaterThanOrEqualTo(400_000_000L);
      assertThat(repository.inserted()).isEqualTo(1);
      assertThat(injection.injection().calls()).isEqualTo(1);
    }
  }

  @Test
  void fault_throwsTheChosenException_beforeTheBodyRuns() {
    try (MethodInjection injection =
        MethodInjector.on(OrderRepository.class, "insert")
            .withParameterTypes(Order.class)
            .using(Injector.named("failing insert").withFaultProbability(0.5).withSeed(7))
            .failingWith(IllegalStateException.class, "database is down")
            .install()) {
      int failed = 0;
      for (int i = 0; i < 200; i++) {
        try {
          service.handle(i);
        } catch (IllegalStateException e) {
          assertThat(e).hasMessage("database is down");
          failed++;
        }
      }
      assertThat(failed).isBetween(60, 140); // p = 0.5 of 200, seeded
      assertThat(injection.injection().faults()).isEqualTo(failed);
      assertThat(repository.inserted()).isEqualTo(200 - failed);
    }
  }

  @Test
  void fault_ofACheckedTypeTheMethodDeclares_isThrown() {
    try (MethodInjection injection =
        MethodInjector.on(OrderRepository.class, "save")
            .using(Injector.named("failing save").withFaultProbability(1))
            .failingWith(IOException.class, "disk full")
            .install()) {
      assertThatThrownBy(() -> repository.save(new Order(1)))
          .isInstanceOf(IOException.class)
          .hasMessage("disk full");
      assertThat(repository.inserted()).isZero();
      assertThat(injection.injection().faults()).isEqualTo(1);
    }
  }

  @Test
  void fault_fromASupplier() {
    try (MethodInjection injection =
        MethodInjector.on(OrderRepository.class, "insert")
            .withParameterTypes(Order.class)
            .using(Injector.named("timeouts").withFaultProbability(1))
            .failingWith(() -> new UnsupportedOperationException("lock timeout"))
            .install()) {
      assertThatThrownBy(() -> service.handle(1))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessage("lock timeout");
      assertThat(injection.injection().faults()).isEqualTo(1);
    }
  }

  @Test
  void rateCap_pacesTheCalls() {
    int calls = 21;
    try (MethodInjection injection =
        MethodInjector.on(OrderRepository.class, "insert")
            .withParameterTypes(Order.class)
            .using(Injector.named("paced insert").withRateCap(200))
            .install()) {
      long took = timeCalls(calls);
      // slots 5 ms apart from the first call's: the last starts 20 intervals after the first
      assertThat(took).isGreaterThanOrEqualTo((calls - 1) * 5_000_000L);
      assertThat(injection.injection().calls()).isEqualTo(calls);
    }
  }

  @Test
  void aSecondInjectionOfTheSameMethod_isRefused_untilTheFirstCloses() {
    MethodInjector insert =
        MethodInjector.on(OrderRepository.class, "insert").withParameterTypes(Order.class);
    try (MethodInjection first = insert.using(Injector.named("first")).install()) {
      assertThatThrownBy(() -> insert.using(Injector.named("second")).install())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "method must have no other active injection, but "
                  + OrderRepository.class.getName()
                  + ".insert(Order) has injection 'first': close it first");
      assertThat(first.isClosed()).isFalse();
    }
    insert.using(Injector.named("third")).install().close();
  }

  private long timeCalls(int calls) {
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      service.handle(i);
    }
    return System.nanoTime() - start;
  }
}
