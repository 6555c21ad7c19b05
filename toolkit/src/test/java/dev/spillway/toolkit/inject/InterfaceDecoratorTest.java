package dev.spillway.toolkit.inject;

import static dev.spillway.toolkit.inject.Soon.soon;
import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.inject.hidden.Hidden;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterfaceDecoratorTest {

  interface Handler {
    void handle(String message);

    void handle(int number);

    int size();

    String process(String s) throws IOException;

    void await() throws InterruptedException;

    default String describe() {
      return "handler of " + size();
    }

    static Handler noop() {
      return null;
    }
  }

  static final class RecordingHandler implements Handler {
    final List<Object> handled = new ArrayList<>();
    RuntimeException runtimeFailure;
    IOException checkedFailure;

    @Override
    public void handle(String message) {
      handled.add(message);
    }

    @Override
    public void handle(int number) {
      handled.add(number);
    }

    @Override
    public int size() {
      return handled.size();
    }

    @Override
    public String process(String s) throws IOException {
      if (checkedFailure != null) {
        throw checkedFailure;
      }
      if (runtimeFailure != null) {
        throw runtimeFailure;
      }
      return s.toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public void await() {}

    @Override
    public String toString() {
      return "RecordingHandler";
    }
  }

  private final FakeTime time = new FakeTime();
  private final RecordingHandler target = new RecordingHandler();
  private final Injection delayed =
      Injector.named("h").withDelay(Delay.fixed(5, MILLISECONDS)).withTimeSource(time).start();

  @AfterEach
  void close() {
    delayed.close();
    Thread.interrupted();
  }

  @Test
  void chosenMethods_areDelayed_allTheirOverloads_andOthersPassStraightThrough() {
    Handler h = SlowConsumer.decorateInterface(Handler.class, target, delayed, "handle");
    h.handle("a");
    assertThat(time.takeParked()).isEqualTo(5_000_000);
    h.handle(7);
    assertThat(time.takeParked()).isEqualTo(5_000_000);
    assertThat(h.size()).isEqualTo(2);
    assertThat(time.takeParked()).isZero();
    assertThat(target.handled).containsExactly("a", 7);
  }

  @Test
  void defaultMethods_runOnTheTarget_andAreDelayedWhenChosen() {
    Handler h = SlowConsumer.decorateInterface(Handler.class, target, delayed, "describe");
    h.handle("a");
    assertThat(time.takeParked()).isZero();
    assertThat(h.describe()).isEqualTo("handler of 1");
    assertThat(time.takeParked()).isEqualTo(5_000_000);
  }

  @Test
  void exceptionsOfTheTarget_areRethrownAsTheyWere() {
    Handler h = SlowConsumer.decorateInterface(Handler.class, target, delayed, "process");
    target.checkedFailure = new IOException("disk");
    assertThatThrownBy(() -> h.process("x")).isSameAs(target.checkedFailure);
    target.checkedFailure = null;
    target.runtimeFailure = new IllegalStateException("broken");
    assertThatThrownBy(() -> h.process("x")).isSameAs(target.runtimeFailure);
    target.runtimeFailure = null;
    assertThat(time.takeParked()).isEqualTo(10_000_000);
  }

  @Test
  void injectedFaults_areThrownFromChosenMethodsOnly() throws IOException {
    Injection faulty = Injector.named("f").withFaultProbability(1).start();
    Handler h = SlowConsumer.decorateInterface(Handler.class, target, faulty, "process");
    assertThatThrownBy(() -> h.process("x")).isInstanceOf(InjectedFault.class);
    h.handle("a");
    assertThat(target.handled).containsExactly("a");
    faulty.close();
    assertThat(h.process("x")).isEqualTo("X");
  }

  @Test
  void objectMethods_useTheProxysIdentity_andToStringNamesTheTarget() {
    Handler h = SlowConsumer.decorateInterface(Handler.class, target, delayed, "handle");
    Handler other = SlowConsumer.decorateInterface(Handler.class, target, delayed, "handle");
    assertThat(h.equals(h)).isTrue();
    assertThat(h.equals(other)).isFalse();
    assertThat(h.equals(target)).isFalse();
    assertThat(h.hashCode()).isEqualTo(System.identityHashCode(h));
    assertThat(h.toString())
        .isEqualTo("SlowConsumer proxy of Handler[handle] via injection 'h' -> RecordingHandler");
    assertThat(time.takeParked()).isZero();
  }

  @Test
  void afterClose_chosenMethodsGoStraightThrough() {
    Handler h = SlowConsumer.decorateInterface(Handler.class, target, delayed, "handle");
    delayed.close();
    h.handle("a");
    assertThat(time.takeParked()).isZero();
    assertThat(target.handled).containsExactly("a");
  }

  @Test
  void interruptedWait_throwsInterruptedExceptionWhereDeclared_elseUnchecked() {
    Injection slow = Injector.named("i").withDelay(Delay.fixed(1, HOURS)).start();
    try {
      Handler h = SlowConsumer.decorateInterface(Handler.class, target, slow, "handle", "await");
      Thread.currentThread().interrupt();
      assertThatThrownBy(h::await).isInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThatThrownBy(() -> h.handle("a"))
          .isInstanceOf(InjectionInterruptedException.class)
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(Thread.interrupted()).isTrue();
      assertThat(target.handled).isEmpty();
    } finally {
      slow.close();
    }
  }

  @Test
  void aCallWaitingInTheProxy_isWokenByClose() throws InterruptedException {
    Injection slow = Injector.named("w").withDelay(Delay.fixed(1, HOURS)).start();
    Handler h = SlowConsumer.decorateInterface(Handler.class, target, slow, "handle");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                h.handle("late");
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "spillway-test-caller");
    caller.setDaemon(true);
    caller.start();
    soon().until(() -> slow.waitingThreads() == 1);
    slow.close();
    caller.join(5_000);
    assertThat(caller.isAlive()).isFalse();
    assertThat(failure.get()).isNull();
    assertThat(target.handled).containsExactly("late");
  }

  @Test
  void aNonPublicInterfaceOfAnotherPackage_isProxiedToo() throws Exception {
    @SuppressWarnings("unchecked")
    Class<Object> type = (Class<Object>) Hidden.type();
    Object proxy = SlowConsumer.decorateInterface(type, Hidden.target(), delayed, "tell");
    Method tell = type.getDeclaredMethod("tell");
    tell.setAccessible(true);
    assertThat(tell.invoke(proxy)).isEqualTo("secret");
    assertThat(time.takeParked()).isEqualTo(5_000_000);
  }

  @Test
  void decorateInterface_rejectsEveryBadArgument() {
    assertThatThrownBy(() -> SlowConsumer.decorateInterface(null, target, delayed, "handle"))
        .hasMessage("type must not be null");
    assertThatThrownBy(
            () -> SlowConsumer.decorateInterface(RecordingHandler.class, target, delayed, "handle"))
        .hasMessage(
            "type must be an interface, but was "
                + "dev.spillway.toolkit.inject.InterfaceDecoratorTest$RecordingHandler");
    assertThatThrownBy(() -> SlowConsumer.decorateInterface(Handler.class, null, delayed, "handle"))
        .hasMessage("target must not be null");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Object> raw = (Class) Handler.class;
    assertThatThrownBy(
            () -> SlowConsumer.decorateInterface(raw, "not a handler", delayed, "handle"))
        .hasMessage(
            "target must be an instance of dev.spillway.toolkit.inject.InterfaceDecoratorTest$Handler,"
                + " but was java.lang.String");
    assertThatThrownBy(() -> SlowConsumer.decorateInterface(Handler.class, target, null, "handle"))
        .hasMessage("injection must not be null");
    assertThatThrownBy(() -> SlowConsumer.decorateInterface(Handler.class, target, delayed))
        .hasMessage("method names must be at least one name, but was none");
    assertThatThrownBy(
            () -> SlowConsumer.decorateInterface(Handler.class, target, delayed, (String[]) null))
        .hasMessage("method names must not be null");
    assertThatThrownBy(
            () -> SlowConsumer.decorateInterface(Handler.class, target, delayed, "handle", null))
        .hasMessage("method names[1] must not be null");
    for (String bad : new String[] {"handel", "toString", "equals", "hashCode", "noop"}) {
      assertThatThrownBy(() -> SlowConsumer.decorateInterface(Handler.class, target, delayed, bad))
          .hasMessageStartingWith(
              "method name must be the name of an instance method of"
                  + " dev.spillway.toolkit.inject.InterfaceDecoratorTest$Handler")
          .hasMessageEndingWith(", but was '" + bad + "'");
    }
  }
}
