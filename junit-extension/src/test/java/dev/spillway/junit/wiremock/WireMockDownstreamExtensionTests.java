package dev.spillway.junit.wiremock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.junit.Fixture;
import dev.spillway.junit.Fixtures;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@link WireMockDownstream}: the parameter, its lifecycle, and misuse. */
class WireMockDownstreamExtensionTests {

  @BeforeEach
  void reset() {
    Downstreams.seen.clear();
    Downstreams.bodyRan = false;
  }

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @Test
  void theParameter_isAStartedDownstream_stoppedWhenTheTestEnds() {
    Fixtures.Outcome outcome = Fixtures.run(Downstreams.class, "uses");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    assertThat(Downstreams.seen).hasSize(1);
    Seen seen = Downstreams.seen.get(0);
    assertThat(seen.requestThreads()).isEqualTo(8);
    assertThat(seen.answered()).isTrue();
    assertThat(refuses(seen.url())).as("the port refuses once the test has ended").isTrue();
  }

  @Test
  void theDownstream_isStopped_evenWhenTheTestFails() {
    Fixtures.Outcome outcome = Fixtures.run(Downstreams.class, "fails");

    assertThat(outcome.message()).isEqualTo("the test fails after using the downstream");
    assertThat(Downstreams.seen)
        .singleElement()
        .satisfies(s -> assertThat(refuses(s.url())).isTrue());
  }

  @Test
  void beforeEachAndTheTest_getTheSameDownstream_withTheDefaultThreads() {
    Fixtures.Outcome outcome = Fixtures.run(SharedWithBeforeEach.class, "sameOne");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    assertThat(Downstreams.seen).hasSize(2);
    assertThat(Downstreams.seen.get(0)).isEqualTo(Downstreams.seen.get(1));
    assertThat(Downstreams.seen.get(0).requestThreads())
        .isEqualTo(WireMockDownstream.DEFAULT_REQUEST_THREADS)
        .isEqualTo(32);
  }

  @Test
  void onTheClass_eachTestGetsADownstreamOfItsOwn() {
    EngineExecutionResults results = Fixtures.runAll(OnTheClass.class, Map.of());

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(Downstreams.seen).hasSize(2);
    assertThat(Downstreams.seen.get(0).url()).isNotEqualTo(Downstreams.seen.get(1).url());
    assertThat(Downstreams.seen).allSatisfy(s -> assertThat(s.requestThreads()).isEqualTo(3));
  }

  @Test
  void requestThreadsOutOfRange_failBeforeAnythingStarts() {
    for (String test : List.of("noThreads", "tooManyThreads")) {
      Fixtures.Outcome outcome = Fixtures.run(Downstreams.class, test);

      assertThat(outcome.failure()).containsInstanceOf(ExtensionConfigurationException.class);
      assertThat(outcome.message())
          .isEqualTo(
              "@WireMockDownstream requires that requestThreads be in [1, 1000], but was "
                  + (test.equals("noThreads") ? "0" : "1001"));
    }
    assertThat(Downstreams.bodyRan).isFalse();
    assertThat(Downstreams.seen).isEmpty();
  }

  @Test
  void aParameterOutsideATest_isRejectedWithAMessage() {
    EngineExecutionResults results = Fixtures.runAll(InBeforeAll.class, Map.of());

    Throwable failure =
        results.containerEvents().failed().stream()
            .findFirst()
            .orElseThrow()
            .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
            .getThrowable()
            .orElseThrow();
    assertThat(failure)
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageStartingWith(
            "the WireMockChaos of @WireMockDownstream belongs to one test: declare it as a"
                + " parameter of the test method or of its @BeforeEach or @AfterEach methods, not"
                + " of static void");
  }

  @Test
  void withoutWireMock_theErrorNamesTheDependencyToAdd() {
    ClassLoader hidingWireMock = hiding("com.github.tomakehurst.");
    assertThatThrownBy(() -> WireMockDownstreamExtension.requireWireMock(hidingWireMock))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "@WireMockDownstream needs WireMock on the test class path, but"
                + " com.github.tomakehurst.wiremock.WireMockServer is not there: add the test"
                + " dependency org.wiremock:wiremock (version 3.13.2, the one Spillway is built and"
                + " tested with)");
    ClassLoader hidingJetty = hiding("org.eclipse.jetty.");
    assertThatThrownBy(() -> WireMockDownstreamExtension.requireWireMock(hidingJetty))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageStartingWith(
            "@WireMockDownstream needs WireMock's Jetty on the test class path, but"
                + " org.eclipse.jetty.util.thread.QueuedThreadPool is not there")
        .hasMessageContaining("wiremock-standalone relocates Jetty");
    WireMockDownstreamExtension.requireWireMock(getClass().getClassLoader()); // here it is
  }

  @Test
  void theVersionNamedInTheError_isTheOneTestedHere() {
    assertThat(WireMockDownstreamExtension.TESTED_VERSION)
        .isEqualTo(com.github.tomakehurst.wiremock.core.Version.getCurrentVersion());
  }

  /** A class loader that cannot load classes whose names start with {@code prefix}. */
  static ClassLoader hiding(String prefix) {
    return new ClassLoader(WireMockDownstreamExtensionTests.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(prefix)) {
          throw new ClassNotFoundException(name);
        }
        return super.loadClass(name, resolve);
      }
    };
  }

  private static boolean refuses(URI url) {
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      return !socket.isConnected();
    } catch (ConnectException refused) {
      return true;
    } catch (IOException other) {
      throw new AssertionError(other);
    }
  }

  /** What a fixture saw of its downstream. */
  record Seen(URI url, int requestThreads, boolean answered, int identity) {
    static Seen of(WireMockChaos downstream, boolean answered) {
      return new Seen(
          downstream.url(),
          downstream.requestThreads(),
          answered,
          System.identityHashCode(downstream));
    }
  }

  private static boolean answers(WireMockChaos downstream) {
    try {
      Calls.to(downstream).post();
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Fixture
  static class Downstreams {

    static final List<Seen> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    static volatile boolean bodyRan;

    @Test
    @WireMockDownstream(requestThreads = 8)
    void uses(WireMockChaos downstream) {
      seen.add(Seen.of(downstream, answers(downstream)));
    }

    @Test
    @WireMockDownstream
    void fails(WireMockChaos downstream) {
      seen.add(Seen.of(downstream, answers(downstream)));
      throw new AssertionError("the test fails after using the downstream");
    }

    @Test
    @WireMockDownstream(requestThreads = 0)
    void noThreads(WireMockChaos downstream) {
      bodyRan = true;
      seen.add(Seen.of(downstream, false));
    }

    @Test
    @WireMockDownstream(requestThreads = 1001)
    void tooManyThreads(WireMockChaos downstream) {
      bodyRan = true;
      seen.add(Seen.of(downstream, false));
    }
  }

  @Fixture
  @WireMockDownstream
  static class SharedWithBeforeEach {

    @BeforeEach
    void before(WireMockChaos downstream) {
      Downstreams.seen.add(Seen.of(downstream, false));
    }

    @Test
    void sameOne(WireMockChaos downstream) {
      Downstreams.seen.add(Seen.of(downstream, false));
    }
  }

  @Fixture
  @WireMockDownstream(requestThreads = 3)
  static class OnTheClass {

    @Test
    void first(WireMockChaos downstream) {
      Downstreams.seen.add(Seen.of(downstream, answers(downstream)));
    }

    @Test
    void second(WireMockChaos downstream) {
      Downstreams.seen.add(Seen.of(downstream, answers(downstream)));
    }
  }

  @Fixture
  @WireMockDownstream
  static class InBeforeAll {

    static AtomicReference<WireMockChaos> shared = new AtomicReference<>();

    @BeforeAll
    static void before(WireMockChaos downstream) {
      shared.set(downstream);
    }

    @Test
    void never() {}
  }
}
