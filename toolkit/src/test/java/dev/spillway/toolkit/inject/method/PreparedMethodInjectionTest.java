package dev.spillway.toolkit.inject.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.inject.InjectedFault;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.inject.method.OrderRepository.Order;
import dev.spillway.toolkit.inject.method.internal.MethodDispatch;
import dev.spillway.toolkit.inject.method.internal.Weaver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PreparedMethodInjectionTest {

  private final OrderRepository repository = new OrderRepository();

  @BeforeAll
  static void attachTheAgentFirst() {
    Weaver.instrumentation();
  }

  private static MethodInjector failingInsert() {
    return MethodInjector.on(OrderRepository.class, "insert")
        .withParameterTypes(Order.class)
        .using(Injector.named("insert fails").withFaultProbability(1));
  }

  @Test
  void wovenOff_thenSwitchedOnAndOff_asOftenAsNeeded_andCloseRestoresTheClass() throws Exception {
    byte[] original = ClassBytes.of(OrderRepository.class);
    long stray = MethodDispatch.strayCalls();
    PreparedMethodInjection prepared = failingInsert().prepare();
    try {
      assertThat(ClassBytes.of(OrderRepository.class)).as("woven ahead").isNotEqualTo(original);
      repository.insert(new Order(1)); // off: straight through
      assertThat(prepared.isOn()).isFalse();

      MethodInjection first = prepared.switchOn();
      assertThat(prepared.isOn()).isTrue();
      assertThatThrownBy(() -> repository.insert(new Order(2))).isInstanceOf(InjectedFault.class);
      assertThatThrownBy(prepared::switchOn)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is on already");
      first.close();
      repository.insert(new Order(3)); // off again, still woven
      assertThat(ClassBytes.of(OrderRepository.class)).isNotEqualTo(original);

      MethodInjection second = prepared.switchOn();
      assertThatThrownBy(() -> repository.insert(new Order(4))).isInstanceOf(InjectedFault.class);
      assertThat(second.injection().calls()).as("a fresh injection each time").isEqualTo(1);
      assertThat(first.injection().calls()).isEqualTo(1);
    } finally {
      prepared.close(); // closes the injection still on, then restores
    }
    repository.insert(new Order(5));
    assertThat(repository.inserted()).isEqualTo(3);
    assertThat(MethodDispatch.strayCalls())
        .as("calls while switched off are not stray")
        .isEqualTo(stray);
    assertThat(ClassBytes.of(OrderRepository.class)).as("restored").isEqualTo(original);
    assertThat(MethodInjection.wovenMethods()).isEmpty();
    assertThatThrownBy(prepared::switchOn)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was closed");
  }

  @Test
  void aPreparedMethod_isTakenUntilClosed() {
    try (PreparedMethodInjection prepared = failingInsert().prepare()) {
      assertThatThrownBy(() -> failingInsert().install())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has injection 'insert fails'");
      assertThat(prepared.toString()).endsWith("insert, off]");
    }
    failingInsert().install().close();
  }
}
