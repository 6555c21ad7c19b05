package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.inject.InjectedFault;
import java.lang.annotation.Documented;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slows, stalls, paces or fails one method of any class while an {@link OverloadTest}'s load runs,
 * without a seam: no wrapper, no interface, no subclass. The method is woven at run time (see
 * {@link dev.spillway.toolkit.inject.method.MethodInjector}), so every call of it counts, on any
 * thread and however deep inside the consumer it is called.
 *
 * <pre>{@code
 * @OverloadTest
 * @ConstantLoad(rate = 300, duration = "2s")
 * @SlowMethod(type = OrderRepository.class, method = "insert", delay = "5ms")  // μ ≈ 200/s
 * @ExpectVerdict(Verdict.OVERFLOWED)
 * void insertTooSlowForTheLoad(OverloadHarness harness) { ... }
 * }</pre>
 *
 * <p><b>The method</b>: {@link #type()} or {@link #typeName()} (exactly one) and {@link #method()},
 * the name of a method that the class declares itself (not inherited) and that has a body; when it
 * is overloaded, {@link #parameterTypes()} chooses the overload. Classes of the JDK cannot be
 * woven. Everything is checked before the test's body runs; a missing class or method, an overload
 * that is not chosen, or a method that cannot be woven fails the test with an {@link
 * org.junit.jupiter.api.extension.ExtensionConfigurationException} naming it (and listing the
 * class's methods or overloads).
 *
 * <p><b>What each call gets</b>, in this order (as {@link dev.spillway.toolkit.inject.Injector}
 * applies it): it waits out any {@link #stalls()} window it starts in, waits its delay (at most one
 * of {@link #delay()}, {@link #uniform()}, {@link #logNormal()}, {@link #pareto()}), waits for its
 * {@link #rateCap()} slot, then fails with {@link #failProbability()}. A fault is thrown before the
 * method's body runs.
 *
 * <p><b>When</b>: woven when the load starts (offsets of stalls count from then) and restored — the
 * class gets its original code back — when the run ends (after the drain and the settling of the
 * books), also when the test fails; or, with {@link #phase()}, only while the load plays the phases
 * that name selects (woven when the driver enters them, restored when it leaves them, like {@link
 * OverloadHarness#during}). A test may slow several methods (repeat the annotation), one injection
 * per method.
 *
 * <p><b>The JVM</b>: Byte Buddy's agent attaches at run time; on JDK 21 and later run the tests
 * with {@code -XX:+EnableDynamicAgentLoading} (Surefire's {@code argLine}), or the JVM warns.
 *
 * <p>Durations: an integer and a unit ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code m},
 * {@code h}), e.g. {@code "5ms"}; at most one day.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@Repeatable(SlowMethods.class)
@ExtendWith(OverloadExtension.class)
public @interface SlowMethod {

  /** The class that declares the method; or give {@link #typeName()} instead. */
  Class<?> type() default void.class;

  /**
   * The binary name of the class that declares the method ({@code com.example.OrderRepository}),
   * loaded by the test class's class loader; or give {@link #type()} instead.
   */
  String typeName() default "";

  /** The method's name; not blank. */
  String method();

  /**
   * The overload's parameter types, in order, by binary or simple name ({@code "Order"}, {@code
   * "java.lang.String"}, {@code "int"}); {@code {}} (the default) when the method is not
   * overloaded.
   */
  String[] parameterTypes() default {};

  /** A fixed delay before each call, a duration &gt; 0; {@code ""} (the default) for none. */
  String delay() default "";

  /** A uniform delay instead of {@link #delay()}: at most one element. */
  UniformDelay[] uniform() default {};

  /** A log-normal delay instead of {@link #delay()}: at most one element. */
  LogNormalDelay[] logNormal() default {};

  /** A Pareto (heavy-tail) delay instead of {@link #delay()}: at most one element. */
  ParetoDelay[] pareto() default {};

  /** Windows in which calls are held, measured from when the method is woven. */
  ConsumerStall[] stalls() default {};

  /** At most this many calls start per second, evenly paced; 0 (the default) for no cap. */
  double rateCap() default 0;

  /** The probability, in [0, 1], that a call fails instead of running; 0 by default. */
  double failProbability() default 0;

  /**
   * What a failing call throws: a public class with a public constructor taking the {@link
   * #failMessage()}; a checked exception must be declared by the method. {@link InjectedFault} (the
   * default) says that Spillway threw it on purpose.
   */
  Class<? extends Throwable> failWith() default InjectedFault.class;

  /** The message of {@link #failWith()}; used only with another type than the default. */
  String failMessage() default "injected by Spillway";

  /**
   * The phase of the load during which the method is slowed, selected by name as {@link
   * OverloadHarness#during} selects it ({@code "spike peak"}); {@code ""} (the default) for the
   * whole run.
   */
  String phase() default "";
}
