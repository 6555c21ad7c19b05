package dev.spillway.toolkit.inject;

import static dev.spillway.toolkit.inject.Soon.soon;
import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SlowConsumerTest {

  /** A component the decorators wrap, seen through one call. */
  interface Target {
    Object call(Object arg) throws Exception;
  }

  /** One kind of decoration: wraps a counting target and makes one call through it. */
  enum Kind {
    RUNNABLE {
      @Override
      Target decorate(AtomicInteger ran, Injection injection) {
        Runnable r = SlowConsumer.decorateRunnable(ran::incrementAndGet, injection);
        return arg -> {
          r.run();
          return arg;
        };
      }
    },
    CALLABLE {
      @Override
      Target decorate(AtomicInteger ran, Injection injection) {
        Callable<Object> c = SlowConsumer.decorateCallable(() -> ran.incrementAndGet(), injection);
        return arg -> c.call();
      }
    },
    CONSUMER {
      @Override
      Target decorate(AtomicInteger ran, Injection injection) {
        Consumer<Object> c = SlowConsumer.decorateConsumer(v -> ran.incrementAndGet(), injection);
        return arg -> {
          c.accept(arg);
          return arg;
        };
      }
    },
    FUNCTION {
      @Override
      Target decorate(AtomicInteger ran, Injection injection) {
        Function<Object, Object> f =
            SlowConsumer.decorateFunction(v -> ran.incrementAndGet(), injection);
        return f::apply;
      }
    },
    INTERFACE {
      @Override
      Target decorate(AtomicInteger ran, Injection injection) {
        Target t = arg -> ran.incrementAndGet();
        return SlowConsumer.decorateInterface(Target.class, t, injection, "call");
      }
    },
    EXECUTOR { // a direct executor: the task runs on the caller's thread
      @Override
      Target decorate(AtomicInteger ran, Injection injection) {
        InjectedExecutor e = SlowConsumer.decorateExecutor(Runnable::run, injection);
        return arg -> {
          e.execute(ran::incrementAndGet);
          return arg;
        };
      }
    };

    abstract Target decorate(AtomicInteger ran, Injection injection);

    /**
     * Whether an interrupted wait surfaces as InterruptedException (else as unchecked): where the
     * signature allows it (Callable.call and Target.call declare Exception).
     */
    boolean throwsInterruptedException() {
      return this == CALLABLE || this == INTERFACE;
    }
  }

  private final FakeTime time = new FakeTime();
  private final AtomicInteger ran = new AtomicInteger();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void decorated_isDelayedThenGoesStraightThroughOnceClosed(Kind kind) throws Exception {
    Injection injection =
        Injector.named("d").withDelay(Delay.fixed(5, MILLISECONDS)).withTimeSource(time).start();
    Target target = kind.decorate(ran, injection);
    target.call("x");
    assertThat(time.takeParked()).isEqualTo(5_000_000);
    assertThat(ran).hasValue(1);
    injection.close();
    target.call("x");
    assertThat(time.takeParked()).isZero();
    assertThat(ran).hasValue(2);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void decorated_withAFault_throwsItAndSkipsTheTarget_untilClosed(Kind kind) throws Exception {
    Injection injection = Injector.named("f").withFaultProbability(1).start();
    Target target = kind.decorate(ran, injection);
    assertThatThrownBy(() -> target.call("x")).isInstanceOf(InjectedFault.class);
    assertThat(ran).hasValue(0);
    injection.close();
    target.call("x");
    assertThat(ran).hasValue(1);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void decorated_waitingInADelay_isWokenByCloseAndMakesItsCall(Kind kind) throws Exception {
    Injection injection = Injector.named("w").withDelay(Delay.fixed(1, HOURS)).start();
    Target target = kind.decorate(ran, injection);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread caller = daemon(() -> target.call("x"), failure);
    soon().until(() -> injection.waitingThreads() == 1);
    injection.close();
    caller.join(Duration.ofSeconds(5).toMillis());
    assertThat(caller.isAlive()).isFalse();
    assertThat(failure.get()).isNull();
    assertThat(ran).hasValue(1);
    assertThat(injection.waitingThreads()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void decorated_interruptedInADelay_stopsWithoutCallingAndKeepsTheFlag(Kind kind)
      throws Exception {
    Injection injection = Injector.named("i").withDelay(Delay.fixed(1, HOURS)).start();
    Target target = kind.decorate(ran, injection);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean flagAfter = new AtomicBoolean();
    Thread caller =
        daemon(
            () -> {
              try {
                return target.call("x");
              } finally {
                flagAfter.set(Thread.currentThread().isInterrupted());
              }
            },
            failure);
    soon().until(() -> injection.waitingThreads() == 1);
    caller.interrupt();
    caller.join(Duration.ofSeconds(5).toMillis());
    assertThat(caller.isAlive()).isFalse();
    assertThat(ran).hasValue(0);
    assertThat(flagAfter).isTrue();
    if (kind.throwsInterruptedException()) {
      assertThat(failure.get()).isInstanceOf(InterruptedException.class);
    } else {
      assertThat(failure.get())
          .isInstanceOf(InjectionInterruptedException.class)
          .hasCauseInstanceOf(InterruptedException.class)
          .hasMessage("interrupted in an injected wait of injection 'i'; the call was not made");
    }
    injection.close();
  }

  @Test
  void decoratedFunctionAndCallable_returnTheTargetsValue() throws Exception {
    Injection injection = Injector.named("v").start();
    assertThat(SlowConsumer.decorateFunction((String s) -> s + "!", injection).apply("hi"))
        .isEqualTo("hi!");
    assertThat(SlowConsumer.decorateCallable(() -> 42, injection).call()).isEqualTo(42);
  }

  @Test
  void decorators_rejectNullArguments() {
    Injection injection = Injector.named("n").start();
    assertThatThrownBy(() -> SlowConsumer.decorateRunnable(null, injection))
        .hasMessage("runnable must not be null");
    assertThatThrownBy(() -> SlowConsumer.decorateRunnable(() -> {}, null))
        .hasMessage("injection must not be null");
    assertThatThrownBy(() -> SlowConsumer.decorateCallable(null, injection))
        .hasMessage("callable must not be null");
    assertThatThrownBy(() -> SlowConsumer.decorateCallable(() -> 1, null))
        .hasMessage("injection must not be null");
    assertThatThrownBy(() -> SlowConsumer.decorateConsumer(null, injection))
        .hasMessage("consumer must not be null");
    assertThatThrownBy(() -> SlowConsumer.decorateConsumer(v -> {}, null))
        .hasMessage("injection must not be null");
    assertThatThrownBy(() -> SlowConsumer.decorateFunction(null, injection))
        .hasMessage("function must not be null");
    assertThatThrownBy(() -> SlowConsumer.decorateFunction(v -> v, null))
        .hasMessage("injection must not be null");
    assertThatThrownBy(() -> SlowConsumer.decorateExecutor(null, injection))
        .hasMessage("executor must not be null");
    assertThatThrownBy(() -> SlowConsumer.decorateExecutor(Runnable::run, null))
        .hasMessage("injection must not be null");
    assertThatThrownBy(() -> SlowConsumer.decorateExecutorService(null, injection))
        .hasMessage("executor service must not be null");
  }

  private static Thread daemon(Callable<?> body, AtomicReference<Throwable> failure) {
    Thread t =
        new Thread(
            () -> {
              try {
                body.call();
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "spillway-test-caller");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
