package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.wiremock.WireMockChaos;
import dev.spillway.junit.wiremock.WireMockDownstream;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * WireMock and Testcontainers are optional: the core of the extension ({@code dev.spillway.junit}
 * and {@code dev.spillway.junit.internal}) never refers to them, and runs without them on the class
 * path; only their own packages load them, and only when a test uses them.
 */
class CoreWithoutOptionalDependenciesTest {

  /** How the optional libraries and the packages that use them are named in class files. */
  private static final List<String> OPTIONAL =
      List.of(
          "com/github/tomakehurst/",
          "org/eclipse/jetty/",
          "org/testcontainers/",
          "com/github/dockerjava/",
          "dev/spillway/junit/wiremock/",
          "dev/spillway/junit/container/");

  @Test
  void theCoresClassFiles_referToNoOptionalLibrary_norToThePackagesThatUseThem() throws Exception {
    Path classes =
        Path.of(OverloadHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path core = classes.resolve("dev/spillway/junit");

    List<String> found = new ArrayList<>();
    int scanned = 0;
    for (Path dir : List.of(core, core.resolve("internal"))) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          scanned++;
          found.addAll(references(file));
        }
      }
    }
    assertThat(scanned).as("class files of the core").isGreaterThan(50);
    assertThat(found).isEmpty();

    // the same scan sees them where they are: in the WireMock and container packages
    Path wiremock = core.resolve("wiremock/WireMockChaos.class");
    assertThat(references(wiremock))
        .anySatisfy(r -> assertThat(r).contains("com/github/tomakehurst/"))
        .anySatisfy(r -> assertThat(r).contains("org/eclipse/jetty/"));
    assertThat(references(core.resolve("container/JavaServiceImage.class")))
        .anySatisfy(r -> assertThat(r).contains("org/testcontainers/"));
    assertThat(references(core.resolve("container/ContainerChaos.class")))
        .anySatisfy(r -> assertThat(r).contains("com/github/dockerjava/"));
  }

  /**
   * The optional names {@code classFile} mentions: class names in its constant pool are plain ASCII
   * in modified UTF-8, so a byte search finds every reference (types, methods, descriptors).
   */
  private static List<String> references(Path classFile) throws IOException {
    String bytes = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
    List<String> found = new ArrayList<>();
    for (String name : OPTIONAL) {
      if (bytes.contains(name)) {
        found.add(classFile.getFileName() + " refers to " + name);
      }
    }
    return found;
  }

  @Test
  void anOverloadTest_runsWithoutWireMockAndTestcontainers_andNeverTriesToLoadThem()
      throws Exception {
    try (WithoutOptional loader = WithoutOptional.create()) {
      String outcome = loader.run(Plain.class, "floods");

      assertThat(outcome).isEqualTo("SUCCESSFUL");
      assertThat(loader.attempts).as("classes of the optional libraries asked for").isEmpty();
      assertThat(loader.missing()).as("the test class path lost them").isNotEmpty();
    }
  }

  @Test
  void aTestThatUsesWireMock_withoutIt_failsNamingTheDependencyToAdd() throws Exception {
    try (WithoutOptional loader = WithoutOptional.create()) {
      String outcome = loader.run(UsesWireMock.class, "needsWireMock");

      assertThat(outcome)
          .startsWith("FAILED org.junit.jupiter.api.extension.ExtensionConfigurationException: ")
          .endsWith(
              "@WireMockDownstream needs WireMock on the test class path, but"
                  + " com.github.tomakehurst.wiremock.WireMockServer is not there: add the test"
                  + " dependency org.wiremock:wiremock (version 3.13.2, the one Spillway is built"
                  + " and tested with)");
      // the extension looked for WireMock, by name, and for nothing else
      assertThat(loader.attempts).containsExactly("com.github.tomakehurst.wiremock.WireMockServer");
    }
  }

  /**
   * The test class path without the jars of WireMock, Jetty, Testcontainers and docker-java, in a
   * class loader of its own that records every attempt to load a class of those libraries.
   */
  static final class WithoutOptional extends URLClassLoader {
    final List<String> attempts = Collections.synchronizedList(new ArrayList<>());
    private final List<String> left;

    private WithoutOptional(URL[] urls, List<String> left) {
      super("without-optional", urls, ClassLoader.getPlatformClassLoader());
      this.left = left;
    }

    static WithoutOptional create() throws IOException {
      List<URL> urls = new ArrayList<>();
      List<String> left = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        String path = entry.replace('\\', '/');
        if (OPTIONAL.stream().limit(4).anyMatch(o -> path.contains("/" + jarFolder(o)))) {
          left.add(entry);
        } else {
          urls.add(Path.of(entry).toUri().toURL());
        }
      }
      return new WithoutOptional(urls.toArray(URL[]::new), left);
    }

    /**
     * The Maven repository folder of a library: {@code org/wiremock/}, {@code org/eclipse/jetty/}.
     */
    private static String jarFolder(String packagePrefix) {
      return switch (packagePrefix) {
        case "com/github/tomakehurst/" -> "org/wiremock/";
        case "com/github/dockerjava/" -> "com/github/docker-java/";
        default -> packagePrefix;
      };
    }

    /** The class path entries left out. */
    List<String> missing() {
      return left;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      String internal = name.replace('.', '/');
      if (OPTIONAL.stream().limit(4).anyMatch(internal::startsWith)) {
        attempts.add(name);
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }

    /** Runs the fixture method in this class loader: {@code "SUCCESSFUL"} or the failure. */
    String run(Class<?> fixture, String method) throws Exception {
      Thread current = Thread.currentThread();
      ClassLoader before = current.getContextClassLoader();
      current.setContextClassLoader(this);
      try {
        Class<?> runner = Class.forName(Isolated.class.getName(), true, this);
        Method run = runner.getDeclaredMethod("run", String.class, String.class);
        run.setAccessible(true); // another class loader: another runtime package
        return (String) run.invoke(null, fixture.getName(), method);
      } finally {
        current.setContextClassLoader(before);
      }
    }
  }

  /** Runs a fixture through the engine; loaded in the {@link WithoutOptional} class loader. */
  static final class Isolated {
    private Isolated() {}

    static String run(String fixture, String method) throws ClassNotFoundException {
      Class<?> type = Class.forName(fixture, true, Isolated.class.getClassLoader());
      Fixtures.Outcome outcome = Fixtures.run(type, method);
      return outcome
          .failure()
          .map(f -> "FAILED " + f.getClass().getName() + ": " + f.getMessage())
          .orElse(outcome.status().toString());
    }
  }

  @Fixture
  static class Plain {
    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 200, duration = "200ms")
    @FixedDelay("1ms")
    @QueueBound(max = 100)
    void floods(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, m -> {}).sendTo(Sender.offering(mailbox::offer));
      harness.during("constant", () -> () -> {});
    }
  }

  @Fixture
  static class UsesWireMock {
    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 200, duration = "200ms")
    @WireMockDownstream
    void needsWireMock(OverloadHarness harness, WireMockChaos downstream) {
      throw new AssertionError("not reached: " + downstream + harness);
    }
  }
}
