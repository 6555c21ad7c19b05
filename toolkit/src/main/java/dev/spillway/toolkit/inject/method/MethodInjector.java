package dev.spillway.toolkit.inject.method;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.inject.InjectedFault;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.inject.method.internal.Gate;
import dev.spillway.toolkit.inject.method.internal.TargetResolver;
import dev.spillway.toolkit.inject.method.internal.Weaver;
import dev.spillway.toolkit.util.Preconditions;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The configuration of an injection into one method of a class, without a seam: no wrapper, no
 * interface, no subclass. {@link #install()} weaves the method at run time (Byte Buddy's agent,
 * attached to this JVM on first use, retransforms the class) so that every call of it, on any
 * thread and from any caller, first runs an {@link dev.spillway.toolkit.inject.Injection} of the
 * given {@link Injector}: its delay plan, stalls, rate cap and faults.
 *
 * <pre>{@code
 * MethodInjector slowInsert = MethodInjector.on(OrderRepository.class, "insert")
 *     .using(Injector.named("slow insert").withDelay(Delay.fixed(5, MILLISECONDS)));
 * try (MethodInjection injection = slowInsert.install()) {
 *   // every OrderRepository.insert call now takes at least 5 ms more, wherever it is called
 * } // closed: the class is retransformed back to its original code
 * }</pre>
 *
 * <p>The method is chosen by its class (or the class's name and a class loader), its name and, when
 * it is overloaded, its parameter types. It must be declared by that class (not inherited), have a
 * body (not abstract or native), and belong to a class loaded outside the JDK's bootstrap loader by
 * a loader that sees Spillway's toolkit. {@link #check()} finds the method and checks all that
 * without changing anything; {@link #install()} checks again and then weaves.
 *
 * <p>The injection runs at the start of the method, inside it: a {@code synchronized} method holds
 * its lock while it waits, and the time counts as the method's own. An injected fault throws an
 * {@link InjectedFault}, or what {@link #failingWith(Class, String)} or {@link
 * #failingWith(Supplier)} chooses, before the body runs. A wait interrupted throws {@link
 * InterruptedException} when the method declares it, otherwise an {@link
 * dev.spillway.toolkit.inject.InjectionInterruptedException}; the interrupt flag is set again.
 *
 * <p>The JVM: the agent attaches at run time, which JDK 21 and later allow without a warning only
 * with {@code -XX:+EnableDynamicAgentLoading} (JDK 17 accepts the flag): add it to the test JVM's
 * arguments (Surefire's {@code argLine}).
 *
 * <p>Immutable and thread-safe: every {@code with…} method returns a new configuration and
 * validates its argument at once.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MethodInjector {

  private final Class<?> type; // null until a class name is loaded
  private final String className;
  private final ClassLoader loader;
  private final String methodName;
  private final Optional<List<String>> parameterTypes;
  private final Injector injector;
  private final Class<? extends Throwable> faultType; // null: InjectedFault
  private final Supplier<? extends Throwable> fault; // null: InjectedFault
  private final String faultDescription;

  private MethodInjector(
      Class<?> type,
      String className,
      ClassLoader loader,
      String methodName,
      Optional<List<String>> parameterTypes,
      Injector injector,
      Class<? extends Throwable> faultType,
      Supplier<? extends Throwable> fault,
      String faultDescription) {
    this.type = type;
    this.className = className;
    this.loader = loader;
    this.methodName = methodName;
    this.parameterTypes = parameterTypes;
    this.injector = injector;
    this.faultType = faultType;
    this.fault = fault;
    this.faultDescription = faultDescription;
  }

  /**
   * An injection into the method {@code method} of {@code type}; it injects nothing until {@link
   * #using(Injector)} says what.
   *
   * @param type the class that declares the method
   * @param method the method's name; not blank
   */
  public static MethodInjector on(Class<?> type, String method) {
    Preconditions.notNull(type, "class");
    Preconditions.notBlank(method, "method name");
    return new MethodInjector(
        type,
        type.getName(),
        type.getClassLoader(),
        method,
        Optional.empty(),
        Injector.named(type.getSimpleName() + "." + method),
        null,
        null,
        "InjectedFault");
  }

  /**
   * An injection into the method {@code method} of the class named {@code className}, loaded (when
   * the injection is checked or installed, without initialising it) by the thread's context class
   * loader, or by the one {@link #withClassLoader(ClassLoader)} gives.
   *
   * @param className the binary name, e.g. {@code com.example.OrderRepository}; not blank
   * @param method the method's name; not blank
   */
  public static MethodInjector on(String className, String method) {
    Preconditions.notBlank(className, "class name");
    Preconditions.notBlank(method, "method name");
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return new MethodInjector(
        null,
        className,
        context != null ? context : MethodInjector.class.getClassLoader(),
        method,
        Optional.empty(),
        Injector.named(simpleName(className) + "." + method),
        null,
        null,
        "InjectedFault");
  }

  /**
   * This injection loading its class by name through {@code loader}; only for {@link #on(String,
   * String)}.
   */
  public MethodInjector withClassLoader(ClassLoader loader) {
    Preconditions.notNull(loader, "class loader");
    Preconditions.check(
        type == null, "withClassLoader", "used with on(className, method) only", type);
    return new MethodInjector(
        null,
        className,
        loader,
        methodName,
        parameterTypes,
        injector,
        faultType,
        fault,
        faultDescription);
  }

  /**
   * This injection into the overload that takes exactly {@code types}, in order (no types: the
   * overload without parameters).
   */
  public MethodInjector withParameterTypes(Class<?>... types) {
    Preconditions.noNullElements(types, "parameter types");
    return withParameterTypeNames(Arrays.stream(types).map(Class::getName).toArray(String[]::new));
  }

  /**
   * This injection into the overload whose parameter types have exactly these names, in order: each
   * a binary name ({@code java.lang.String}, {@code com.example.Order}), a simple name ({@code
   * String}, {@code Order}) or a primitive or array type ({@code int}, {@code byte[]}).
   */
  public MethodInjector withParameterTypeNames(String... typeNames) {
    Preconditions.noNullElements(typeNames, "parameter type names");
    for (String n : typeNames) {
      Preconditions.notBlank(n, "parameter type name");
    }
    return new MethodInjector(
        type,
        className,
        loader,
        methodName,
        Optional.of(List.of(typeNames)),
        injector,
        faultType,
        fault,
        faultDescription);
  }

  /**
   * This injection running {@code injector}'s delay plan, stalls, rate cap, faults, seed and events
   * (replacing the default, which injects nothing and is named {@code Class.method}).
   */
  public MethodInjector using(Injector injector) {
    Preconditions.notNull(injector, "injector");
    return new MethodInjector(
        type,
        className,
        loader,
        methodName,
        parameterTypes,
        injector,
        faultType,
        fault,
        faultDescription);
  }

  /**
   * This injection throwing a new {@code exceptionType} with {@code message} as an injected fault,
   * instead of an {@link InjectedFault}; how often is the injector's {@linkplain
   * Injector#withFaultProbability(double) fault probability}, which must be &gt; 0. A checked
   * exception must be one the method declares (checked when the injection is checked).
   *
   * @param exceptionType a concrete class with a public constructor taking a {@code String}
   * @param message its message; not null
   */
  public MethodInjector failingWith(Class<? extends Throwable> exceptionType, String message) {
    Preconditions.notNull(exceptionType, "exception type");
    Preconditions.notNull(message, "exception message");
    Constructor<? extends Throwable> constructor = messageConstructor(exceptionType);
    Supplier<Throwable> make =
        () -> {
          try {
            return constructor.newInstance(message);
          } catch (InvocationTargetException e) {
            return e.getCause();
          } catch (ReflectiveOperationException e) {
            return new IllegalStateException("could not build " + exceptionType.getName(), e);
          }
        };
    return new MethodInjector(
        type,
        className,
        loader,
        methodName,
        parameterTypes,
        injector,
        exceptionType,
        make,
        exceptionType.getName() + "(\"" + message + "\")");
  }

  /**
   * This injection throwing what {@code exceptions} supplies as an injected fault, instead of an
   * {@link InjectedFault}; how often is the injector's fault probability, which must be &gt; 0. The
   * supplier is called once per fault, on the calling thread, and must not return null.
   */
  public MethodInjector failingWith(Supplier<? extends RuntimeException> exceptions) {
    Preconditions.notNull(exceptions, "exception supplier");
    return new MethodInjector(
        type,
        className,
        loader,
        methodName,
        parameterTypes,
        injector,
        RuntimeException.class,
        exceptions,
        "a supplier (" + exceptions + ")");
  }

  /**
   * Finds the method and checks that it can be woven and that the faults fit it, without changing
   * anything (its class is loaded, not initialised).
   *
   * @return the method
   * @throws IllegalArgumentException naming the input, the value and what is allowed: no such
   *     class, no such method (listing the class's methods), parameter types matching no overload
   *     or several, a method without a body, a JDK class, a checked exception the method does not
   *     declare, a fault exception without a fault probability
   */
  public Method check() {
    Class<?> resolved = type != null ? type : TargetResolver.load(className, loader);
    Method method = TargetResolver.resolve(resolved, methodName, parameterTypes);
    if (fault != null) {
      Preconditions.check(
          injector.faultProbability() > 0,
          "the fault probability of injector '" + injector.name() + "'",
          "> 0 when failingWith(...) chooses the exception (Injector.withFaultProbability)",
          injector.faultProbability());
      boolean unchecked =
          RuntimeException.class.isAssignableFrom(faultType)
              || Error.class.isAssignableFrom(faultType);
      boolean declared =
          Arrays.stream(method.getExceptionTypes()).anyMatch(d -> d.isAssignableFrom(faultType));
      Preconditions.check(
          unchecked || declared,
          "exception type",
          "unchecked or declared by "
              + resolved.getName()
              + "."
              + TargetResolver.signature(method)
              + " (it declares "
              + Arrays.stream(method.getExceptionTypes()).map(Class::getName).toList()
              + ")",
          faultType.getName());
    }
    return method;
  }

  /**
   * Checks the injection ({@link #check()}), starts the injector and weaves the method: from now on
   * every call of it runs the injection first. Close the returned handle to restore the class.
   *
   * @throws IllegalArgumentException as {@link #check()}, or when the method has an active
   *     injection already, or the JVM cannot retransform its class
   * @throws IllegalStateException when the agent cannot attach or the weaving fails
   */
  public MethodInjection install() {
    Method method = check();
    var injection = injector.start();
    boolean declaresInterrupted =
        Arrays.asList(method.getExceptionTypes()).contains(InterruptedException.class);
    try {
      Weaver.Woven woven =
          Weaver.weave(method, injector.name(), new Gate(injection, fault, declaresInterrupted));
      return new MethodInjection(method, injection, woven::restore);
    } catch (RuntimeException | Error e) {
      injection.close();
      throw e;
    }
  }

  /**
   * Checks the injection ({@link #check()}) and weaves the method now with the injection switched
   * off: calls go straight through until {@link PreparedMethodInjection#switchOn()}, which then
   * takes effect at once, without the time a weaving takes. For an injection tied to a phase: weave
   * before the load, switch on when the phase opens. Close the returned handle to restore the
   * class.
   *
   * @throws IllegalArgumentException as {@link #install()}
   * @throws IllegalStateException as {@link #install()}
   */
  public PreparedMethodInjection prepare() {
    Method method = check();
    return new PreparedMethodInjection(this, method, Weaver.weave(method, injector.name(), null));
  }

  /** Starts the injector and switches it on in {@code woven}, the method prepared. */
  MethodInjection switchOn(Method method, Weaver.Woven woven) {
    var injection = injector.start();
    boolean declaresInterrupted =
        Arrays.asList(method.getExceptionTypes()).contains(InterruptedException.class);
    woven.switchOn(new Gate(injection, fault, declaresInterrupted));
    return new MethodInjection(method, injection, woven::switchOff);
  }

  /**
   * Attaches Byte Buddy's agent to this JVM now, unless it is attached already ({@link #install()}
   * attaches it on first use). Attaching takes a few hundred milliseconds, once per JVM: call this
   * before the moment an injection must take effect promptly (a phase of a load).
   *
   * @throws IllegalStateException when the agent cannot attach (a JRE without {@code jdk.attach},
   *     {@code -XX:+DisableAttachMechanism})
   */
  public static void attachAgent() {
    Weaver.instrumentation();
  }

  /** The class's name. */
  public String className() {
    return className;
  }

  /** The method's name. */
  public String methodName() {
    return methodName;
  }

  /** The parameter types' names that choose the overload, or empty when none are given. */
  public Optional<List<String>> parameterTypeNames() {
    return parameterTypes;
  }

  /** The injector that the injection runs. */
  public Injector injector() {
    return injector;
  }

  /** Lists every setting. */
  @Override
  public String toString() {
    return "MethodInjector[method="
        + className
        + "."
        + methodName
        + parameterTypes.map(p -> "(" + String.join(", ", p) + ")").orElse("")
        + ", fault="
        + faultDescription
        + ", injector="
        + injector
        + "]";
  }

  private static Constructor<? extends Throwable> messageConstructor(
      Class<? extends Throwable> type) {
    Preconditions.check(
        !Modifier.isAbstract(type.getModifiers()) && Modifier.isPublic(type.getModifiers()),
        "exception type",
        "a public concrete class",
        type.getName());
    try {
      return type.getConstructor(String.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "exception type must have a public constructor taking a String message, but was "
              + type.getName());
    }
  }

  private static String simpleName(String className) {
    return className.substring(
        Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
  }
}
