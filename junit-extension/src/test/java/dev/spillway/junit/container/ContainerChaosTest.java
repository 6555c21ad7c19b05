package dev.spillway.junit.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Container chaos for real, against a tiny {@link CounterService} in a {@link JavaServiceImage}
 * built once for the class: a pause freezes it, a CPU quota slows its CPU work, a kill stops it and
 * closing the injection starts it again, and what a test leaves behind is undone when it ends.
 */
@RequiresDocker(buildsImages = true)
class ContainerChaosTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  // README-SNIPPET-START container-image
  private static JavaServiceImage image;

  @BeforeAll
  static void buildTheServiceImage() {
    image =
        JavaServiceImage.of(CounterService.class) // the main class; classpath: where it was loaded
            .modules("jdk.httpserver", "java.management") // java.base is always in
            .expose(CounterService.PORT)
            .build(); // jlink and a docker build: a few seconds, once for the class
  }

  @AfterAll
  static void removeTheServiceImage() {
    if (image != null) {
      image.close();
    }
  }

  // README-SNIPPET-END container-image

  // README-SNIPPET-START container-chaos
  @Test
  void aFrozenService_timesOut_andAnswersOnceUnpaused(DockerChaos chaos) throws Exception {
    try (GenericContainer<?> service = image.container().waitingFor(Wait.forHttp("/"))) {
      service.start();
      URI uri = URI.create("http://" + service.getHost() + ":" + service.getFirstMappedPort());
      HttpRequest get = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(500)).build();
      HttpClient http = HttpClient.newHttpClient();

      // undone when the test ends at the latest, even when it fails
      ContainerInjection frozen = chaos.of(service).pause();
      assertThatThrownBy(() -> http.send(get, BodyHandlers.ofString()))
          .isInstanceOf(HttpTimeoutException.class); // the kernel accepts, nobody answers
      frozen.close(); // unpaused
      assertThat(http.send(get, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
  }

  // README-SNIPPET-END container-chaos

  @Test
  void theImage_isSmall_andNamedAfterItsRepository() {
    System.out.println(image);
    assertThat(image.name()).startsWith(JavaServiceImage.DEFAULT_REPOSITORY + ":");
    assertThat(image.sizeBytes()).isBetween(10_000_000L, 80_000_000L);
    assertThat(image.exposedPorts()).containsExactly(CounterService.PORT);
    assertThat(image.modules()).containsExactly("java.base", "jdk.httpserver", "java.management");
    assertThat(image.mainClass()).isEqualTo(CounterService.class.getName());
  }

  @Test
  void aCpuQuota_isAppliedAndLifted_andSlowsCpuWork(DockerChaos chaos) throws Exception {
    try (GenericContainer<?> service = started()) {
      URI burn = base(service.getContainerId()).resolve("/burn");
      for (int i = 0; i < 3; i++) {
        burn(burn); // warms the JIT up
      }
      Burn free = burn(burn);
      Burn limited;
      try (ContainerInjection starved = chaos.of(service).limitCpu(0.05)) {
        assertThat(starved.description())
            .endsWith("to 0.05 CPUs (5000 µs per 100000 µs)")
            .startsWith("limited container " + service.getContainerId().substring(0, 12));
        InspectContainerResponse limits = inspect(service.getContainerId());
        assertThat(limits.getHostConfig().getCpuQuota()).isEqualTo(5_000L);
        assertThat(limits.getHostConfig().getCpuPeriod()).isEqualTo(100_000L);
        limited = burn(burn);
      }
      assertThat(inspect(service.getContainerId()).getHostConfig().getCpuQuota())
          .as("lifted")
          .isLessThanOrEqualTo(0L);
      Burn after = burn(burn);
      System.out.println(
          "CPU work in the container (wall / CPU ms): free "
              + free
              + ", at 0.05 CPUs "
              + limited
              + ", lifted "
              + after);
      // 5 ms of CPU per 100 ms: the work waits about 20 times as long as it computes. Free, it
      // waits only for the other processes of this (shared, 2-core) machine. Compared within the
      // run, with wide margins.
      assertThat(limited.stretch()).isGreaterThan(6).isGreaterThan(2 * free.stretch());
      assertThat(after.stretch()).isLessThan(limited.stretch() / 2);
    }
  }

  /** One {@code /burn}: wall and CPU milliseconds in the container. */
  record Burn(long wallMillis, long cpuMillis) {
    /** How many times longer the work took than its CPU time. */
    double stretch() {
      return (double) wallMillis / Math.max(cpuMillis, 1);
    }

    @Override
    public String toString() {
      return wallMillis + " / " + cpuMillis;
    }
  }

  private static Burn burn(URI burn) throws IOException, InterruptedException {
    String[] figures = get(burn, Duration.ofSeconds(20)).body().trim().split(" ");
    return new Burn(Long.parseLong(figures[0]), Long.parseLong(figures[1]));
  }

  @Test
  void aKilledService_isStartedAgain_whenTheInjectionCloses(DockerChaos chaos) throws Exception {
    try (GenericContainer<?> service = started()) {
      String id = service.getContainerId();
      URI before = base(id);
      String process = get(before.resolve("/id"), Duration.ofSeconds(10)).body();
      try (ContainerInjection killed = chaos.of(service).kill()) {
        assertThat(killed.isActive()).isTrue();
        assertThat(inspect(id).getState().getRunning()).isFalse();
        assertThatThrownBy(() -> get(before, Duration.ofSeconds(2)))
            .isInstanceOf(ConnectException.class);
      }
      assertThat(inspect(id).getState().getRunning()).isTrue();
      // a fresh process, possibly on another host port: read it from Docker again
      assertThat(awaitProcess(id)).as("the process after the kill").isNotEqualTo(process);
      assertThat(countOfAFreshProcess(id)).as("a fresh process counts from 1").isEqualTo(1);
    }
  }

  @Test
  void chaosATestLeavesBehind_isUndoneWhenTheTestEnds_evenWhenItFails() throws Exception {
    try (GenericContainer<?> service = started()) {
      String id = service.getContainerId();
      LeavesChaosBehind.containerId = id;
      LeavesChaosBehind.EVENTS.clear();

      EngineExecutionResults failed = runFixture("pausesAndStarves_thenFails");

      failed
          .testEvents()
          .assertThatEvents()
          .haveExactly(
              1,
              event(
                  test("pausesAndStarves_thenFails"),
                  finishedWithFailure(message("the test fails with its chaos in force"))));
      InspectContainerResponse state = inspect(id);
      assertThat(state.getState().getPaused()).isFalse();
      assertThat(state.getHostConfig().getCpuQuota()).isLessThanOrEqualTo(0L);
      String shortId = id.substring(0, 12);
      assertThat(LeavesChaosBehind.EVENTS)
          .as("undone newest first")
          .containsExactly(
              "paused container " + shortId,
              "limited container " + shortId + " to 0.5 CPUs (50000 µs per 100000 µs)",
              "lifted the CPU limit of container " + shortId,
              "unpaused container " + shortId);
      assertThat(get(base(id), Duration.ofSeconds(2)).statusCode()).isEqualTo(200);

      runFixture("kills_andReturns")
          .testEvents()
          .assertThatEvents()
          .haveExactly(1, event(test("kills_andReturns"), finishedSuccessfully()));
      assertThat(inspect(id).getState().getRunning()).as("started again").isTrue();
      awaitProcess(id);
      assertThat(countOfAFreshProcess(id)).isEqualTo(1);
    }
  }

  @Test
  void aContainerRemovedWhilePaused_leavesNothingToUndo() {
    LeavesChaosBehind.image = image;
    runFixture("removesItsContainerWhilePaused")
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("removesItsContainerWhilePaused"), finishedSuccessfully()));
    assertThatThrownBy(() -> inspect(LeavesChaosBehind.containerId))
        .isInstanceOf(NotFoundException.class);
    assertThat(LeavesChaosBehind.EVENTS).last().asString().endsWith(" is gone: nothing to undo");
  }

  private static EngineExecutionResults runFixture(String method) {
    return ContainerFixtures.run(
        selectMethod(LeavesChaosBehind.class, method, DockerChaos.class.getName()),
        Map.of(RequiresDocker.REQUIRED, "false"));
  }

  /** Forgets to close what it injects; run only through {@link ContainerFixtures#run}. */
  @ContainerFixture
  @RequiresDocker
  static class LeavesChaosBehind {

    static volatile String containerId;
    static volatile JavaServiceImage image;
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Test
    void pausesAndStarves_thenFails(DockerChaos chaos) {
      ContainerChaos container = chaos.of(containerId, event -> EVENTS.add(event.detail()));
      container.pause();
      container.limitCpu(0.5);
      assertThat(chaos.active()).hasSize(2);
      throw new AssertionError("the test fails with its chaos in force");
    }

    @Test
    void kills_andReturns(DockerChaos chaos) {
      chaos.of(containerId).kill();
    }

    @Test
    void removesItsContainerWhilePaused(DockerChaos chaos) {
      EVENTS.clear();
      try (GenericContainer<?> service = image.container().waitingFor(Wait.forHttp("/"))) {
        service.start();
        containerId = service.getContainerId();
        chaos.of(service, event -> EVENTS.add(event.detail())).pause();
      }
    }
  }

  private static GenericContainer<?> started() {
    GenericContainer<?> service = image.container().waitingFor(Wait.forHttp("/"));
    service.start();
    return service;
  }

  private static InspectContainerResponse inspect(String id) {
    return Docker.client().inspectContainerCmd(id).exec();
  }

  /** The service's base URL, with the host port read from Docker now. */
  private static URI base(String id) {
    Ports.Binding[] bindings =
        inspect(id)
            .getNetworkSettings()
            .getPorts()
            .getBindings()
            .get(ExposedPort.tcp(CounterService.PORT));
    assertThat(bindings).as("published ports of %s", id).isNotEmpty();
    return URI.create("http://localhost:" + bindings[0].getHostPortSpec() + "/");
  }

  private static HttpResponse<String> get(URI uri, Duration timeout)
      throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(timeout).build(), BodyHandlers.ofString());
  }

  /**
   * Waits until the service in container {@code id} answers {@code /id}, which does not count;
   * returns the process's id. A poll that times out may still reach the service: polling {@code /}
   * would move the count it is then asked for.
   */
  private static String awaitProcess(String id) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(() -> get(base(id).resolve("/id"), Duration.ofSeconds(1)).body(), b -> !b.isBlank());
  }

  /** One {@code GET /} of a process that has answered none yet: its count, exactly 1 if fresh. */
  private static long countOfAFreshProcess(String id) throws Exception {
    return Long.parseLong(get(base(id), Duration.ofSeconds(10)).body().trim());
  }
}
