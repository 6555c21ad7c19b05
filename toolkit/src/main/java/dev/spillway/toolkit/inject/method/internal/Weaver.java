package dev.spillway.toolkit.inject.method.internal;

import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;
import org.apiguardian.api.API;

/**
 * Weaves the advice into one method and takes it out again: installs Byte Buddy's agent in this JVM
 * on first use, then per woven method a transformer that retransforms the class with {@link
 * MethodAdvice}; {@link Woven#restore()} removes the transformer and retransforms the class again,
 * which gives it back its original code. At most one injection per method at a time. All methods
 * thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class Weaver {

  private static final Map<Method, String> ACTIVE = new HashMap<>(); // guarded by Weaver.class
  private static Instrumentation instrumentation; // guarded by Weaver.class

  private Weaver() {}

  /** A method woven with the advice of one slot. */
  public static final class Woven {
    private final Method method;
    private final int slot;
    private final ResettableClassFileTransformer transformer;
    private boolean restored; // guarded by Weaver.class

    private Woven(Method method, int slot, ResettableClassFileTransformer transformer) {
      this.method = method;
      this.slot = slot;
      this.transformer = transformer;
    }

    /** Switches {@code gate} on: every call runs it from now on. */
    public void switchOn(Gate gate) {
      synchronized (Weaver.class) {
        if (restored) {
          throw new IllegalStateException(describe(method) + " was restored already");
        }
        MethodDispatch.open(slot, gate);
      }
    }

    /** Switches the gate off: calls go straight through; the method stays woven. Idempotent. */
    public void switchOff() {
      synchronized (Weaver.class) {
        if (!restored) {
          MethodDispatch.arm(slot);
        }
      }
    }

    /**
     * Switches the gate off (woven calls go straight through at once), then removes the transformer
     * and retransforms the class to its original code. Idempotent.
     *
     * @throws IllegalStateException when the class could not be retransformed
     */
    public void restore() {
      synchronized (Weaver.class) {
        if (restored) {
          return;
        }
        restored = true;
        MethodDispatch.close(slot);
        ACTIVE.remove(method);
        boolean reset =
            transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        if (!reset) {
          throw new IllegalStateException(
              "the transformer of "
                  + describe(method)
                  + " was no longer registered: the class may still be woven");
        }
      }
    }
  }

  /**
   * Weaves {@code method} so that each call runs {@code gate} first; the gate is on from now. With
   * no gate (null), the method is woven switched off: calls go straight through until {@link
   * Woven#switchOn}.
   *
   * @param name the injection's name, for the message when the method is taken already
   * @throws IllegalArgumentException when the method has an injection already, or its class cannot
   *     be retransformed
   * @throws IllegalStateException when the agent cannot be installed or the weaving failed
   */
  public static Woven weave(Method method, String name, Gate gate) {
    synchronized (Weaver.class) {
      String taken = ACTIVE.get(method);
      if (taken != null) {
        throw new IllegalArgumentException(
            "method must have no other active injection, but "
                + describe(method)
                + " has injection '"
                + taken
                + "': close it first");
      }
      Instrumentation inst = instrumentation();
      Class<?> type = method.getDeclaringClass();
      if (!inst.isRetransformClassesSupported()) {
        throw new IllegalStateException(
            "this JVM must support retransforming classes to weave "
                + describe(method)
                + ", but does not");
      }
      if (!inst.isModifiableClass(type)) {
        throw new IllegalArgumentException(
            "class must be one this JVM can retransform, but "
                + type.getName()
                + " cannot be (a hidden or lambda class, or one the JVM keeps unmodifiable)");
      }
      int slot = MethodDispatch.newSlot();
      if (gate != null) {
        MethodDispatch.open(slot, gate);
      } else {
        MethodDispatch.arm(slot);
      }
      List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean woven = new AtomicBoolean();
      ResettableClassFileTransformer transformer;
      try {
        transformer =
            new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(listener(type, errors, woven))
                .type(is(type))
                .transform(
                    (builder, td, loader, module, domain) ->
                        builder.visit(
                            Advice.withCustomMapping()
                                .bind(Slot.class, slot)
                                .to(MethodAdvice.class)
                                .on(
                                    named(method.getName())
                                        .and(takesArguments(method.getParameterTypes()))
                                        .and(not(isBridge())))))
                .installOn(inst);
      } catch (RuntimeException e) {
        MethodDispatch.close(slot);
        throw new IllegalStateException("weaving " + describe(method) + " failed: " + e, e);
      }
      if (!errors.isEmpty() || !woven.get()) {
        transformer.reset(inst, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        MethodDispatch.close(slot);
        throw new IllegalStateException(
            "weaving "
                + describe(method)
                + " failed: "
                + (errors.isEmpty() ? "the class was not retransformed" : errors.get(0)),
            errors.isEmpty() ? null : errors.get(0));
      }
      ACTIVE.put(method, name);
      return new Woven(method, slot, transformer);
    }
  }

  /** The methods that injections weave now. */
  public static Set<Method> wovenMethods() {
    synchronized (Weaver.class) {
      return Set.copyOf(ACTIVE.keySet());
    }
  }

  /** Whether an injection weaves {@code method} now. */
  public static boolean isWoven(Method method) {
    synchronized (Weaver.class) {
      return ACTIVE.containsKey(method);
    }
  }

  /** This JVM's instrumentation, installing Byte Buddy's agent on first use. */
  public static Instrumentation instrumentation() {
    synchronized (Weaver.class) {
      if (instrumentation == null) {
        try {
          instrumentation = ByteBuddyAgent.install();
          warmUp();
        } catch (RuntimeException e) {
          throw new IllegalStateException(
              "Byte Buddy's agent must attach to this JVM at run time for method injection, but"
                  + " could not ("
                  + e
                  + "): run a JDK (not a bare JRE without the jdk.attach module), without"
                  + " -XX:+DisableAttachMechanism, and with -XX:+EnableDynamicAgentLoading on"
                  + " JDK 21+",
              e);
        }
      }
      return instrumentation;
    }
  }

  /** Weaves {@link Warmup#noop()} and restores it: Byte Buddy is loaded and ready afterwards. */
  private static void warmUp() {
    try {
      Woven w = weave(Warmup.class.getDeclaredMethod("noop"), "warm-up", null);
      w.restore();
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  private static AgentBuilder.Listener listener(
      Class<?> type, List<Throwable> errors, AtomicBoolean woven) {
    return new AgentBuilder.Listener.Adapter() {
      @Override
      public void onTransformation(
          TypeDescription typeDescription,
          ClassLoader classLoader,
          JavaModule module,
          boolean loaded,
          DynamicType dynamicType) {
        if (typeDescription.getName().equals(type.getName())) {
          woven.set(true);
        }
      }

      @Override
      public void onError(
          String typeName,
          ClassLoader classLoader,
          JavaModule module,
          boolean loaded,
          Throwable throwable) {
        errors.add(throwable);
      }
    };
  }

  private static String describe(Method method) {
    return method.getDeclaringClass().getName() + "." + TargetResolver.signature(method);
  }
}
