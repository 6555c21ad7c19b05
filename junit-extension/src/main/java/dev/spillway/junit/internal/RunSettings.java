package dev.spillway.junit.internal;

import static org.junit.platform.commons.support.AnnotationSupport.findAnnotation;
import static org.junit.platform.commons.support.AnnotationSupport.isAnnotated;

import dev.spillway.junit.Overload;
import dev.spillway.junit.OverloadTest;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.TestTemplate;

/**
 * The run settings a test method declares through {@link OverloadTest} or {@link Overload}
 * (unparsed), with the name of the annotation that declared them, for messages.
 *
 * @param annotation {@code "@OverloadTest"} or {@code "@Overload"}
 * @param grace the {@code grace} attribute
 * @param setupTimeout the {@code setupTimeout} attribute
 * @param sampleEvery the {@code sampleEvery} attribute
 * @param settleLimit the {@code settleLimit} attribute
 */
record RunSettings(
    String annotation, String grace, String setupTimeout, String sampleEvery, String settleLimit) {

  /** The {@link Overload} that {@link OverloadTest} carries: any other is the user's own. */
  private static final Overload CARRIED = OverloadTest.class.getAnnotation(Overload.class);

  /**
   * The settings of {@code method}, recording in {@code problems} a method that declares neither
   * annotation or both, and {@code @OverloadTest} on a test template.
   *
   * @return the settings, or empty when there was a problem
   */
  static Optional<RunSettings> of(Method method, ConfigProblems problems) {
    Optional<OverloadTest> test = findAnnotation(method, OverloadTest.class);
    Optional<Overload> overload = findAnnotation(method, Overload.class).filter(o -> o != CARRIED);
    boolean template = isAnnotated(method, TestTemplate.class);
    if (test.isPresent() && overload.isPresent()) {
      problems.add(
          "method '"
              + method.getName()
              + "' declares both @OverloadTest and @Overload: @OverloadTest already is an"
              + " @Overload on a @Test; keep one (@Overload on a @ParameterizedTest or"
              + " @RepeatedTest)");
      return Optional.empty();
    }
    if (test.isPresent() && template) {
      problems.add(
          "@OverloadTest is a @Test, but method '"
              + method.getName()
              + "' is also a test template (@ParameterizedTest, @RepeatedTest…), which JUnit would"
              + " run as both: use @Overload with the template instead");
      return Optional.empty();
    }
    if (test.isPresent()) {
      OverloadTest t = test.get();
      return Optional.of(
          new RunSettings(
              "@OverloadTest", t.grace(), t.setupTimeout(), t.sampleEvery(), t.settleLimit()));
    }
    return overload.map(
        o ->
            new RunSettings(
                "@Overload", o.grace(), o.setupTimeout(), o.sampleEvery(), o.settleLimit()));
  }
}
