package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.inject.InjectedFault;
import dev.spillway.toolkit.inject.InjectionInterruptedException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Decorators that apply a harness's {@link LiveInjection} before each call of a component and count
 * each call in its {@link Books}: in flight while it runs (the injected wait included), then
 * processed when it returns, failed (with its cause) when it throws (an injected fault included). A
 * call interrupted in an injected wait is not made and not counted; it throws {@link
 * InterruptedException} where it can, an {@link InjectionInterruptedException} otherwise, with the
 * interrupt flag set again. Each calling thread is handed to the harness's autopsy, if it records
 * one ({@link AutopsyThreads#calling()}). Stateless.
 */
@API(status = INTERNAL, since = "0.1")
public final class Wrapping {

  private Wrapping() {}

  /**
   * {@code consumer}, injected and counted; a consumer wrapped by these books already is returned
   * as it is (wrapping it again would count each call twice).
   */
  public static <T> Consumer<T> consumer(
      Consumer<T> consumer, LiveInjection injection, Books books, AutopsyThreads threads) {
    if (consumer instanceof Counted<?> counted && counted.books() == books) {
      @SuppressWarnings("unchecked") // a Counted<T> is the Consumer<T> it was made from
      Consumer<T> same = (Consumer<T>) counted;
      return same;
    }
    return new Counted<T>(consumer, injection, books, threads);
  }

  /** A consumer injected and counted. */
  private record Counted<T>(
      Consumer<T> consumer, LiveInjection injection, Books books, AutopsyThreads threads)
      implements Consumer<T> {
    @Override
    public void accept(T message) {
      threads.calling();
      books.entered();
      try {
        injection.beforeCall();
      } catch (InterruptedException e) {
        books.left();
        throw new InjectionInterruptedException(e);
      } catch (InjectedFault fault) {
        books.left();
        books.failed(fault);
        throw fault;
      }
      try {
        consumer.accept(message);
      } catch (RuntimeException | Error e) {
        books.left();
        books.failed(e);
        throw e;
      }
      books.left();
      books.processed();
    }

    @Override
    public String toString() {
      return "injected and counted " + consumer;
    }
  }

  /**
   * A proxy of the interface {@code type} that injects and counts the calls of the methods named
   * {@code methodNames} (every overload of each name) and passes every other call straight to
   * {@code target}.
   *
   * @throws IllegalArgumentException when {@code type} is not an interface, {@code target} does not
   *     implement it, or a name is not a method of it
   */
  public static <T> T proxy(
      Class<T> type,
      T target,
      Set<String> methodNames,
      LiveInjection injection,
      Books books,
      AutopsyThreads threads) {
    if (!type.isInterface()) {
      throw new IllegalArgumentException("type must be an interface, but was " + type.getName());
    }
    if (!type.isInstance(target)) {
      throw new IllegalArgumentException(
          "target must be an instance of "
              + type.getName()
              + ", but was "
              + target.getClass().getName());
    }
    if (methodNames.isEmpty()) {
      throw new IllegalArgumentException("method names must name at least one method, but was []");
    }
    for (String name : methodNames) {
      boolean found =
          Arrays.stream(type.getMethods())
              .anyMatch(m -> m.getName().equals(name) && m.getDeclaringClass() != Object.class);
      if (!found || Set.of("equals", "hashCode", "toString").contains(name)) {
        throw new IllegalArgumentException(
            "method name must name a method of "
                + type.getName()
                + " (not equals, hashCode or toString), but was '"
                + name
                + "'");
      }
    }
    InvocationHandler handler =
        (proxy, method, args) -> {
          threads.calling();
          return invoke(proxy, method, args, target, methodNames, injection, books);
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(
      Object proxy,
      Method method,
      Object[] args,
      Object target,
      Set<String> names,
      LiveInjection injection,
      Books books)
      throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "injected and counted " + target;
      };
    }
    boolean wrapped = names.contains(method.getName());
    if (!Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
      method.setAccessible(true); // a non-public interface: its methods are not ours to call
    }
    if (!wrapped) {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
    books.entered();
    try {
      injection.beforeCall();
    } catch (InterruptedException e) {
      books.left();
      if (declares(method, InterruptedException.class)) {
        throw e;
      }
      throw new InjectionInterruptedException(e);
    } catch (InjectedFault fault) {
      books.left();
      books.failed(fault);
      throw fault;
    }
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      books.left();
      books.failed(e.getCause());
      throw e.getCause();
    } catch (RuntimeException | Error e) {
      books.left();
      throw e;
    }
    books.left();
    books.processed();
    return result;
  }

  private static boolean declares(Method method, Class<?> exception) {
    return Arrays.stream(method.getExceptionTypes()).anyMatch(t -> t.isAssignableFrom(exception));
  }
}
