package dev.spillway.junit.wiremock;

import static org.junit.platform.commons.support.AnnotationSupport.findAnnotation;

import dev.spillway.junit.OverloadHooks;
import dev.spillway.junit.internal.ConfigProblems;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link WireMockDownstream}: checks the attributes and that WireMock is on
 * the class path ({@link BeforeEachCallback}), then starts the {@link WireMockChaos} when a
 * parameter asks for it ({@link ParameterResolver}) and keeps it in the test's store, which stops
 * it when the test ends.
 *
 * <p>This class never touches a WireMock type itself: the server is started by {@link Downstreams},
 * loaded only once WireMock is known to be there, so that a missing WireMock is a clear
 * configuration error rather than a {@code NoClassDefFoundError}.
 */
final class WireMockDownstreamExtension implements BeforeEachCallback, ParameterResolver {

  /** The WireMock version the extension is built and tested with, named in the error. */
  static final String TESTED_VERSION = "3.13.2";

  private static final Namespace NAMESPACE = Namespace.create(WireMockDownstreamExtension.class);
  private static final String CHAOS_TYPE = "dev.spillway.junit.wiremock.WireMockChaos";
  private static final String REQUEST_THREADS = "request-threads";
  private static final String DOWNSTREAM = "downstream";
  private static final String AT = "@WireMockDownstream";

  @Override
  public void beforeEach(ExtensionContext context) {
    WireMockDownstream declared =
        nearest(context)
            .orElseThrow(
                () ->
                    new ExtensionConfigurationException(
                        "the WireMock downstream extension needs @WireMockDownstream on the test"
                            + " method or its class"));
    ConfigProblems problems = new ConfigProblems();
    problems.require(
        declared.requestThreads() >= 1
            && declared.requestThreads() <= WireMockChaos.MAX_REQUEST_THREADS,
        AT,
        "requestThreads",
        "in [1, " + WireMockChaos.MAX_REQUEST_THREADS + "]",
        declared.requestThreads());
    problems.throwIfAny();
    requireWireMock(WireMockDownstreamExtension.class.getClassLoader());
    context.getStore(NAMESPACE).put(REQUEST_THREADS, declared.requestThreads());
  }

  /** The annotation nearest to the test: on the method, then on its class and enclosing ones. */
  private static Optional<WireMockDownstream> nearest(ExtensionContext context) {
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      Optional<WireMockDownstream> found =
          c.getElement().flatMap(e -> findAnnotation(e, WireMockDownstream.class));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * Checks that WireMock and the Jetty it runs on can be loaded by {@code loader}.
   *
   * @throws ExtensionConfigurationException naming the dependency to add
   */
  static void requireWireMock(ClassLoader loader) {
    String server = "com.github.tomakehurst.wiremock.WireMockServer";
    String jetty = "org.eclipse.jetty.util.thread.QueuedThreadPool";
    if (!loadable(server, loader)) {
      throw new ExtensionConfigurationException(
          AT
              + " needs WireMock on the test class path, but "
              + server
              + " is not there: add the test dependency org.wiremock:wiremock (version "
              + TESTED_VERSION
              + ", the one Spillway is built and tested with)");
    }
    if (!loadable(jetty, loader)) {
      throw new ExtensionConfigurationException(
          AT
              + " needs WireMock's Jetty on the test class path, but "
              + jetty
              + " is not there: add the test dependency org.wiremock:wiremock (version "
              + TESTED_VERSION
              + "), which brings it (org.wiremock:wiremock-standalone relocates Jetty and does"
              + " not work with Spillway)");
    }
  }

  private static boolean loadable(String className, ClassLoader loader) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    // by name: comparing Class objects would load WireMockChaos before WireMock is known to be
    // there
    return parameter.getParameter().getType().getName().equals(CHAOS_TYPE);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(
          "the WireMockChaos of "
              + AT
              + " belongs to one test: declare it as a parameter of the test method or of its"
              + " @BeforeEach or @AfterEach methods, not of "
              + parameter.getDeclaringExecutable());
    }
    Store store = context.getStore(NAMESPACE);
    Integer requestThreads = store.get(REQUEST_THREADS, Integer.class);
    if (requestThreads == null) {
      throw new ParameterResolutionException(
          "a WireMockChaos parameter needs "
              + AT
              + " on the test method or its class: "
              + parameter.getDeclaringExecutable());
    }
    String name = context.getRequiredTestMethod().getName();
    return store.getOrComputeIfAbsent(
        DOWNSTREAM,
        key -> Downstreams.start(requestThreads, name, OverloadHooks.of(context)),
        Object.class);
  }
}
