package dev.spillway.toolkit.inject.method.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Finds the method an injection names, and refuses what cannot be woven, with messages naming the
 * input, the value and what is allowed. Loads the class without initialising it; changes nothing
 * else. Stateless and thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class TargetResolver {

  private TargetResolver() {}

  /**
   * Loads {@code className} through {@code loader} without initialising it.
   *
   * @throws IllegalArgumentException when no such class can be loaded
   */
  public static Class<?> load(String className, ClassLoader loader) {
    try {
      return Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          "class name must name a class that "
              + describe(loader)
              + " can load (a binary name such as com.example.Outer$Inner), but was \""
              + className
              + "\" ("
              + e
              + ")");
    }
  }

  /**
   * The method {@code name} declared by {@code type}, chosen by {@code parameterTypes} (by their
   * names, as {@link Class#getName()} or {@link Class#getSimpleName()} gives them) when given.
   *
   * @param parameterTypes empty: the one method of that name; otherwise the overload that takes
   *     exactly these types
   * @throws IllegalArgumentException when no method or several fit, or the one found cannot be
   *     woven
   */
  public static Method resolve(Class<?> type, String name, Optional<List<String>> parameterTypes) {
    checkType(type);
    List<Method> named =
        Arrays.stream(type.getDeclaredMethods())
            .filter(m -> m.getName().equals(name) && !m.isBridge() && !m.isSynthetic())
            .toList();
    if (named.isEmpty()) {
      throw new IllegalArgumentException(
          "method name must name a method declared by "
              + type.getName()
              + " (its methods: "
              + candidates(type)
              + ")"
              + inherited(type, name)
              + ", but was \""
              + name
              + "\"");
    }
    List<Method> fitting =
        parameterTypes.isEmpty()
            ? named
            : named.stream().filter(m -> takes(m, parameterTypes.get())).toList();
    if (fitting.size() != 1) {
      String overloads =
          named.stream().map(TargetResolver::signature).sorted().collect(Collectors.joining(", "));
      if (parameterTypes.isEmpty()) {
        throw new IllegalArgumentException(
            "parameter types must be given to choose one of the "
                + named.size()
                + " overloads of "
                + type.getName()
                + "."
                + name
                + " ("
                + overloads
                + "), but were not given");
      }
      throw new IllegalArgumentException(
          "parameter types must match "
              + (fitting.isEmpty() ? "" : "exactly ")
              + "one overload of "
              + type.getName()
              + "."
              + name
              + " ("
              + overloads
              + "), but were "
              + parameterTypes.get()
              + (fitting.isEmpty() ? "" : ", which match " + fitting.size()));
    }
    Method method = fitting.get(0);
    int modifiers = method.getModifiers();
    if (Modifier.isNative(modifiers) || Modifier.isAbstract(modifiers)) {
      throw new IllegalArgumentException(
          "method must have a body to weave advice into, but "
              + signature(method)
              + " of "
              + type.getName()
              + " is "
              + (Modifier.isNative(modifiers)
                  ? "native"
                  : "abstract"
                      + (type.isInterface() ? " (an interface method without a body)" : ""))
              + ": name a class that implements it");
    }
    return method;
  }

  /** The signature as messages show it: {@code insert(Order, boolean)}. */
  public static String signature(Method method) {
    return method.getName()
        + Arrays.stream(method.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
  }

  private static void checkType(Class<?> type) {
    if (type.isPrimitive() || type.isArray()) {
      throw new IllegalArgumentException(
          "class must be a class or interface with methods, but was " + type.getTypeName());
    }
    if (type.getClassLoader() == null) {
      throw new IllegalArgumentException(
          "class must be loaded by an application class loader, not the JDK's bootstrap loader"
              + " (Spillway's advice cannot be seen from there, and weaving the JDK would slow"
              + " the test's own machinery), but was "
              + type.getName());
    }
    String name = type.getName();
    // by package and origin: Spillway's tests and a shaded jar hold classes of their own there
    if ((name.startsWith("dev.spillway.toolkit.") && sameJar(type, MethodDispatch.class))
        || name.startsWith("net.bytebuddy.")) {
      throw new IllegalArgumentException(
          "class must not be one of Spillway's toolkit or Byte Buddy (they run the injection),"
              + " but was "
              + name);
    }
    Class<?> seen;
    try {
      seen = Class.forName(MethodDispatch.class.getName(), false, type.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      seen = null;
    }
    if (seen != MethodDispatch.class) {
      throw new IllegalArgumentException(
          "class must be loaded by a class loader that sees Spillway's toolkit (the woven code"
              + " calls it), but "
              + name
              + " comes from "
              + type.getClassLoader()
              + ", which "
              + (seen == null ? "cannot load it" : "loads its own copy"));
    }
  }

  /** Whether {@code type} was loaded from where {@code other} was (the same jar or folder). */
  private static boolean sameJar(Class<?> type, Class<?> other) {
    CodeSource a = type.getProtectionDomain().getCodeSource();
    CodeSource b = other.getProtectionDomain().getCodeSource();
    return a != null && b != null && a.getLocation().equals(b.getLocation());
  }

  private static boolean takes(Method method, List<String> names) {
    Class<?>[] types = method.getParameterTypes();
    if (types.length != names.size()) {
      return false;
    }
    for (int i = 0; i < types.length; i++) {
      String n = names.get(i);
      if (!n.equals(types[i].getName())
          && !n.equals(types[i].getTypeName())
          && !n.equals(types[i].getSimpleName())) {
        return false;
      }
    }
    return true;
  }

  private static String candidates(Class<?> type) {
    TreeSet<String> names = new TreeSet<>();
    for (Method m : type.getDeclaredMethods()) {
      if (!m.isBridge() && !m.isSynthetic()) {
        names.add(m.getName());
      }
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  /** ", inherited from X (name X instead)" when a superclass declares {@code name}. */
  private static String inherited(Class<?> type, String name) {
    for (Class<?> c = type.getSuperclass(); c != null; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(name)) {
          return "; " + name + " is inherited from " + c.getName() + ": name that class instead";
        }
      }
    }
    return "";
  }

  private static String describe(ClassLoader loader) {
    return loader == null ? "the bootstrap class loader" : "class loader " + loader;
  }
}
