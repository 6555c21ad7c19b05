package dev.spillway.toolkit.inject;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;

/**
 * The handler behind {@link SlowConsumer#decorateInterface}: applies the injection before the
 * methods chosen by name, passes every other call straight to the target, and rethrows what the
 * target throws as it was thrown. Thread-safe.
 */
final class InjectingInvocationHandler implements InvocationHandler {

  private final Class<?> type;
  private final Object target;
  private final Injection injection;
  private final Set<String> methodNames;
  private final boolean needsAccess;

  InjectingInvocationHandler(
      Class<?> type, Object target, Injection injection, Set<String> methodNames) {
    this.type = type;
    this.target = target;
    this.injection = injection;
    this.methodNames = methodNames;
    this.needsAccess = !Modifier.isPublic(type.getModifiers());
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return invokeObjectMethod(proxy, method, args);
    }
    if (methodNames.contains(method.getName())) {
      try {
        injection.beforeCall();
      } catch (InterruptedException e) {
        if (declares(method, InterruptedException.class)) {
          throw e;
        }
        throw new InjectionInterruptedException(e);
      }
    }
    if (needsAccess) {
      method.setAccessible(true); // a non-public interface: its methods are not ours to call
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * {@code equals}: a proxy equals only itself (comparing through the target would not be
   * symmetric); {@code hashCode}: the proxy's identity hash; {@code toString}: names the proxy, the
   * methods and the target.
   */
  private Object invokeObjectMethod(Object proxy, Method method, Object[] args) {
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return "SlowConsumer proxy of "
            + type.getSimpleName()
            + methodNames
            + " via injection '"
            + injection.name()
            + "' -> "
            + target;
    }
  }

  private static boolean declares(Method method, Class<? extends Throwable> exception) {
    for (Class<?> declared : method.getExceptionTypes()) {
      if (declared.isAssignableFrom(exception)) {
        return true;
      }
    }
    return false;
  }
}
