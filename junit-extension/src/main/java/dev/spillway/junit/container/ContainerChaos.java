package dev.spillway.junit.container;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.util.Preconditions;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.testcontainers.containers.GenericContainer;

/**
 * Chaos done to a running container through the Docker engine: freeze it ({@link #pause()}), starve
 * it of CPU ({@link #limitCpu(double)}), kill it ({@link #kill()}) or restart it ({@link
 * #restart(int)}). Each injection is a {@link ContainerInjection}, an {@link AutoCloseable} that
 * undoes it, so try-with-resources always lifts the chaos, even when the test fails. Chaos taken
 * from the {@link DockerChaos} test parameter is also undone after the test if the test did not.
 *
 * <pre>{@code
 * ContainerChaos chaos = ContainerChaos.of(container, recorder); // a started GenericContainer
 * try (ContainerInjection starved = chaos.limitCpu(0.25)) {    // a quarter of one CPU
 *   ... // drive load; the container gets 25 ms of CPU per 100 ms
 * }                                                              // unlimited again
 * }</pre>
 *
 * <p>What each does to a Java service inside:
 *
 * <ul>
 *   <li>{@link #pause()}: the cgroup freezer stops every thread. The kernel still accepts TCP
 *       connections into the listen backlog, so clients connect and then hear nothing: their
 *       requests time out. After unpausing, the service reads what waited in its sockets, requests
 *       whose clients gave up included.
 *   <li>{@link #limitCpu(double)}: a CFS quota for the whole container. Waiting costs no CPU, so it
 *       slows only CPU work; the container's threads share the quota, so a design with more
 *       runnable threads gets more of it.
 *   <li>{@link #kill()}: SIGKILL; closing the injection starts the container again, as a fresh
 *       process (whatever it held in memory is gone), possibly on another host port: read the port
 *       from Docker again (Testcontainers' {@code getMappedPort} keeps the old one).
 * </ul>
 *
 * <p>Needs Docker, found the way Testcontainers finds it ({@code DockerClientFactory}); the
 * factories check their arguments only, each injection is one Docker API request. Each request
 * waits at most 30 seconds for Docker's answer ({@link #restart(int)}: 30 seconds plus its grace),
 * then fails with an {@link IllegalStateException} that names the request (Testcontainers' client
 * has no timeout of its own). Thread-safety: all methods are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ContainerChaos {

  /** The CFS period used for CPU quotas: 100 ms (Docker's default). */
  public static final long CPU_PERIOD_MICROS = 100_000;

  /** The smallest CPU share accepted: 0.01 (1 ms of CPU per 100 ms; the kernel's minimum). */
  public static final double MIN_CPUS = 0.01;

  /** The largest CPU share accepted: 1024 CPUs. */
  public static final double MAX_CPUS = 1024;

  /** The largest restart grace accepted, in seconds. */
  public static final int MAX_GRACE_SECONDS = 600;

  private static final String SOURCE = "container-chaos";

  private final String containerId;
  private final EventSink events;
  private final Consumer<ContainerInjection> onInjected;

  private ContainerChaos(
      String containerId, EventSink events, Consumer<ContainerInjection> onInjected) {
    this.containerId = containerId;
    this.events = events;
    this.onInjected = onInjected;
  }

  /** Chaos for the container {@code containerId}; changes are reported nowhere. */
  public static ContainerChaos of(String containerId) {
    return of(containerId, EventSink.NONE);
  }

  /**
   * Chaos for the container {@code containerId}; each change and each undo is reported to {@code
   * events} as an {@link TraceEvent.Kind#INJECTION} event (a {@code QueueRecorder} puts them on the
   * run's timeline).
   */
  public static ContainerChaos of(String containerId, EventSink events) {
    return tracked(containerId, events, injection -> {});
  }

  /** Chaos for a started Testcontainers {@code container}; changes are reported nowhere. */
  public static ContainerChaos of(GenericContainer<?> container) {
    return of(container, EventSink.NONE);
  }

  /**
   * Chaos for a started Testcontainers {@code container}, each change and undo reported to {@code
   * events}.
   *
   * @throws IllegalArgumentException when the container has not been started (it has no id yet)
   */
  public static ContainerChaos of(GenericContainer<?> container, EventSink events) {
    return of(idOf(container), events);
  }

  /** Like {@link #of(String, EventSink)}, telling {@code onInjected} of every injection made. */
  static ContainerChaos tracked(
      String containerId, EventSink events, Consumer<ContainerInjection> onInjected) {
    Preconditions.notBlank(containerId, "container id");
    Preconditions.notNull(events, "event sink");
    return new ContainerChaos(containerId, events, onInjected);
  }

  static String idOf(GenericContainer<?> container) {
    Preconditions.notNull(container, "container");
    String id = container.getContainerId();
    // not named by its image: asking a container for its image name may pull the image
    Preconditions.check(
        id != null, "container", "started (chaos acts on a running container)", "not started");
    return id;
  }

  /** Freezes every process of the container; closing the injection unfreezes them. */
  public ContainerInjection pause() {
    request("pause", d -> d.pauseContainerCmd(containerId).exec());
    return injected(
        "paused container " + shortId(),
        () -> {
          try {
            request("unpause", d -> d.unpauseContainerCmd(containerId).exec());
            return "unpaused container " + shortId();
          } catch (ConflictException notPaused) {
            return "container " + shortId() + " was no longer paused: nothing to undo";
          }
        });
  }

  /**
   * Limits the whole container to {@code cpus} CPUs (a CFS quota of {@code cpus} × 100 ms per 100
   * ms period); closing the injection lifts the limit (quota −1).
   *
   * @param cpus in [{@value #MIN_CPUS}, {@value #MAX_CPUS}], e.g. 0.25 for a quarter of one CPU
   */
  public ContainerInjection limitCpu(double cpus) {
    Preconditions.check(
        cpus >= MIN_CPUS && cpus <= MAX_CPUS,
        "CPUs",
        "in [" + MIN_CPUS + ", " + MAX_CPUS + "]",
        cpus);
    long quota = Math.round(cpus * CPU_PERIOD_MICROS);
    request(
        "limit the CPU of",
        d ->
            d.updateContainerCmd(containerId)
                .withCpuPeriod(CPU_PERIOD_MICROS)
                .withCpuQuota(quota)
                .exec());
    String what =
        String.format(
            Locale.ROOT,
            "limited container %s to %s CPUs (%d µs per %d µs)",
            shortId(),
            cpus,
            quota,
            CPU_PERIOD_MICROS);
    return injected(
        what,
        () -> {
          request(
              "lift the CPU limit of",
              d -> d.updateContainerCmd(containerId).withCpuQuota(-1L).exec());
          return "lifted the CPU limit of container " + shortId();
        });
  }

  /**
   * Kills the container (SIGKILL); closing the injection starts it again, as a fresh process on a
   * possibly different host port.
   */
  public ContainerInjection kill() {
    request("kill", d -> d.killContainerCmd(containerId).exec());
    return injected(
        "killed container " + shortId(),
        () -> {
          try {
            request("start", d -> d.startContainerCmd(containerId).exec());
            return "started container " + shortId() + " again";
          } catch (NotModifiedException alreadyRunning) {
            return "container " + shortId() + " was running again: nothing to undo";
          }
        });
  }

  /**
   * Restarts the container: SIGTERM, up to {@code graceSeconds} for the process to end (then
   * SIGKILL), and a fresh start. Not an injection: nothing is left to undo.
   *
   * @param graceSeconds in [0, {@value #MAX_GRACE_SECONDS}]
   */
  public void restart(int graceSeconds) {
    Preconditions.inRange(graceSeconds, 0, MAX_GRACE_SECONDS, "grace seconds");
    report("restarting container " + shortId());
    Docker.call(
        "restart container " + shortId(),
        Docker.REQUEST_TIMEOUT.plusSeconds(graceSeconds),
        d -> d.restartContainerCmd(containerId).withTimeout(graceSeconds).exec());
    report("restarted container " + shortId());
  }

  /** The container this chaos acts on. */
  public String containerId() {
    return containerId;
  }

  @Override
  public String toString() {
    return "ContainerChaos[containerId=" + containerId + ", events=" + events + "]";
  }

  private ContainerInjection injected(String what, Undo undo) {
    report(what);
    ContainerInjection injection = new Injected(what, undo);
    onInjected.accept(injection);
    return injection;
  }

  private void report(String detail) {
    events.record(TraceEvent.now(TraceEvent.Kind.INJECTION, SOURCE, detail));
  }

  /** Asks Docker to {@code verb} this container, waiting at most {@link Docker#REQUEST_TIMEOUT}. */
  private void request(String verb, Function<DockerClient, ?> command) {
    Docker.call(verb + " container " + shortId(), Docker.REQUEST_TIMEOUT, command);
  }

  private String shortId() {
    return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
  }

  /** Undoes an injection; returns what was done, for the event. */
  @FunctionalInterface
  private interface Undo {
    String run();
  }

  /** An injection undone once; a failed undo leaves it active. */
  private final class Injected implements ContainerInjection {
    private final String description;
    private final Undo undo;
    private boolean active = true;

    Injected(String description, Undo undo) {
      this.description = description;
      this.undo = undo;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public synchronized boolean isActive() {
      return active;
    }

    @Override
    public synchronized void close() {
      if (!active) {
        return;
      }
      String done;
      try {
        done = undo.run();
      } catch (NotFoundException gone) {
        done = "container " + shortId() + " is gone: nothing to undo";
      }
      active = false;
      report(done);
    }

    @Override
    public synchronized String toString() {
      return "ContainerInjection[" + description + (active ? "" : ", undone") + "]";
    }
  }
}
