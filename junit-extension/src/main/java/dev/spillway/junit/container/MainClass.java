package dev.spillway.junit.container;

import dev.spillway.toolkit.util.Preconditions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/** Checks a main class for {@link JavaServiceImage#of(Class)} and finds where it was loaded. */
final class MainClass {

  private MainClass() {}

  /**
   * The directory or jar {@code mainClass} was loaded from.
   *
   * @throws IllegalArgumentException when it has no {@code public static void main(String[])} or
   *     was not loaded from a local directory or jar
   */
  static Path location(Class<?> mainClass) {
    Preconditions.notNull(mainClass, "main class");
    boolean hasMain;
    try {
      Method main = mainClass.getMethod("main", String[].class);
      hasMain = Modifier.isStatic(main.getModifiers()) && main.getReturnType() == void.class;
    } catch (NoSuchMethodException e) {
      hasMain = false;
    }
    Preconditions.check(
        hasMain,
        "main class " + mainClass.getName(),
        "a class with a public static void main(String[])",
        "a class without one");
    CodeSource source = mainClass.getProtectionDomain().getCodeSource();
    Preconditions.check(
        source != null && source.getLocation() != null,
        "main class " + mainClass.getName(),
        "loaded from a directory or jar",
        "loaded from " + (source == null ? "no code source" : source.getLocation()));
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "main class "
              + mainClass.getName()
              + " must be loaded from a local directory or jar, but was loaded from "
              + source.getLocation(),
          e);
    }
  }
}
