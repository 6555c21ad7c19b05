package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Static decorators that make a component a slow (stalled, paced, failing) consumer: each applies
 * an {@link Injection} before every call of the component it wraps, on the calling thread.
 *
 * <pre>{@code
 * try (Injection injection = Injector.named("orders").withDelay(Delay.fixed(5, MILLISECONDS)).start()) {
 *   Consumer<Order> slow = SlowConsumer.decorateConsumer(handler, injection);
 *   ...
 * } // closed: slow calls handler straight through, and a call waiting in a delay wakes at once
 * }</pre>
 *
 * <p>Every decorator validates its arguments before anything else. A decorated call runs {@link
 * Injection#beforeCall()} and then the original call, unless an {@link InjectedFault} is thrown
 * (the original is then not called). When the thread is interrupted in an injected wait, the
 * original is not called, the interrupt flag is set again, and the decorated call throws {@link
 * InterruptedException} where its signature allows (a {@code Callable}, an interface method that
 * declares it), otherwise an {@link InjectionInterruptedException}. Once the injection is closed,
 * decorated calls go straight through.
 *
 * <p>Thread-safety: the decorated components are as thread-safe as the originals.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SlowConsumer {

  private SlowConsumer() {}

  /** {@code runnable} with {@code injection} applied before each {@code run()}. */
  public static Runnable decorateRunnable(Runnable runnable, Injection injection) {
    Preconditions.notNull(runnable, "runnable");
    Preconditions.notNull(injection, "injection");
    return () -> {
      injection.beforeCallUnchecked();
      runnable.run();
    };
  }

  /** {@code callable} with {@code injection} applied before each {@code call()}. */
  public static <V> Callable<V> decorateCallable(Callable<V> callable, Injection injection) {
    Preconditions.notNull(callable, "callable");
    Preconditions.notNull(injection, "injection");
    return () -> {
      injection.beforeCall();
      return callable.call();
    };
  }

  /** {@code consumer} with {@code injection} applied before each {@code accept}. */
  public static <T> Consumer<T> decorateConsumer(Consumer<T> consumer, Injection injection) {
    Preconditions.notNull(consumer, "consumer");
    Preconditions.notNull(injection, "injection");
    return value -> {
      injection.beforeCallUnchecked();
      consumer.accept(value);
    };
  }

  /** {@code function} with {@code injection} applied before each {@code apply}. */
  public static <T, R> Function<T, R> decorateFunction(
      Function<T, R> function, Injection injection) {
    Preconditions.notNull(function, "function");
    Preconditions.notNull(injection, "injection");
    return value -> {
      injection.beforeCallUnchecked();
      return function.apply(value);
    };
  }

  /**
   * {@code executor} with {@code injection} applied to each task when it runs, on the executor's
   * thread; see {@link InjectedExecutor#queueProbe()} for the depth of its queue.
   */
  public static InjectedExecutor decorateExecutor(Executor executor, Injection injection) {
    Preconditions.notNull(executor, "executor");
    Preconditions.notNull(injection, "injection");
    return new InjectingExecutor(executor, injection);
  }

  /**
   * {@code executor} with {@code injection} applied to each submitted task when it runs, on the
   * executor's thread; see {@link InjectedExecutorService}.
   */
  public static InjectedExecutorService decorateExecutorService(
      ExecutorService executor, Injection injection) {
    Preconditions.notNull(executor, "executor service");
    Preconditions.notNull(injection, "injection");
    return new InjectingExecutorService(executor, injection);
  }

  /**
   * A {@link Proxy} of {@code type} that applies {@code injection} before every call of the methods
   * named {@code methodNames} (all overloads of a name) and passes all other calls straight to
   * {@code target}. Default methods are called on the target like any other method (their own calls
   * to other methods of the target are not injected). What the target throws is rethrown as it was
   * (not wrapped). The proxy's {@code equals} is identity, {@code hashCode} the identity hash, and
   * {@code toString} names the injection and the target.
   *
   * @param type an interface that {@code target} implements
   * @param target the component to slow down
   * @param injection the injection to apply
   * @param methodNames at least one; each names a method of {@code type} (not {@code equals},
   *     {@code hashCode} or {@code toString})
   */
  public static <T> T decorateInterface(
      Class<T> type, T target, Injection injection, String... methodNames) {
    Preconditions.notNull(type, "type");
    Preconditions.check(type.isInterface(), "type", "an interface", type.getName());
    Preconditions.notNull(target, "target");
    Preconditions.check(
        type.isInstance(target),
        "target",
        "an instance of " + type.getName(),
        target.getClass().getName());
    Preconditions.notNull(injection, "injection");
    Preconditions.noNullElements(methodNames, "method names");
    Preconditions.check(methodNames.length > 0, "method names", "at least one name", "none");
    Set<String> declared = new LinkedHashSet<>();
    for (Method m : type.getMethods()) {
      if (!m.isSynthetic() && !Modifier.isStatic(m.getModifiers()) && !isObjectMethod(m)) {
        declared.add(m.getName());
      }
    }
    Set<String> names = new LinkedHashSet<>(Arrays.asList(methodNames));
    for (String name : names) {
      Preconditions.check(
          declared.contains(name),
          "method name",
          "the name of an instance method of " + type.getName() + " " + declared,
          "'" + name + "'");
    }
    ClassLoader loader =
        type.getClassLoader() != null ? type.getClassLoader() : SlowConsumer.class.getClassLoader();
    Object proxy =
        Proxy.newProxyInstance(
            loader,
            new Class<?>[] {type},
            new InjectingInvocationHandler(
                type, target, injection, Collections.unmodifiableSet(names)));
    return type.cast(proxy);
  }

  private static boolean isObjectMethod(Method m) {
    try {
      Object.class.getMethod(m.getName(), m.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
