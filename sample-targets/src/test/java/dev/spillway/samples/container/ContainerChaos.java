package dev.spillway.samples.container;

import com.github.dockerjava.api.DockerClient;
import dev.spillway.toolkit.internal.Preconditions;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.TraceEvent;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Chaos done to a running container through the Docker engine: freeze it ({@link #pause()}), starve
 * it of CPU ({@link #limitCpu(double)}), kill it ({@link #kill()}) or restart it ({@link
 * #restart()}). Each injection is an {@link AutoCloseable} that undoes it, so try-with-resources
 * (or a JUnit store) always lifts the chaos, even when the test fails.
 *
 * <pre>{@code
 * ContainerChaos chaos = ContainerChaos.of(containerId, recorder);
 * try (ContainerInjection starved = chaos.limitCpu(0.25)) { // a quarter of one CPU
 *   ... // drive load; the consumers get 25 ms of CPU per 100 ms
 * }                                                          // unlimited again
 * }</pre>
 *
 * <p>What each does to a Java server inside:
 *
 * <ul>
 *   <li>{@link #pause()}: the cgroup freezer stops every thread. The kernel still accepts TCP
 *       connections into the listen backlog, so clients connect and then hear nothing: their
 *       requests time out. After unpausing, the server reads what waited in its sockets, requests
 *       whose clients gave up included.
 *   <li>{@link #limitCpu(double)}: a CFS quota for the whole container. Waiting costs no CPU, so it
 *       slows only CPU work (see {@code --work cpu}); the container's threads share the quota, so a
 *       design with more runnable consumers gets more of it.
 *   <li>{@link #kill()}: SIGKILL; closing the injection starts the container again, as a fresh
 *       process (whatever it held in memory is gone), possibly on another host port.
 * </ul>
 *
 * <p>Thread-safety: all methods are thread-safe; each call is one Docker API request.
 */
public final class ContainerChaos {

  /** The CFS period used for CPU quotas: 100 ms (Docker's default). */
  public static final long CPU_PERIOD_MICROS = 100_000;

  /** The smallest CPU share accepted: 0.01 (1 ms of CPU per 100 ms; the kernel's minimum). */
  public static final double MIN_CPUS = 0.01;

  /** The largest CPU share accepted: 1024 CPUs. */
  public static final double MAX_CPUS = 1024;

  private static final String SOURCE = "container-chaos";

  private final String containerId;
  private final EventSink events;

  private ContainerChaos(String containerId, EventSink events) {
    this.containerId = containerId;
    this.events = events;
  }

  /** Chaos for the container {@code containerId}; changes are reported nowhere. */
  public static ContainerChaos of(String containerId) {
    return of(containerId, EventSink.NONE);
  }

  /**
   * Chaos for the container {@code containerId}; each change and each undo is reported to {@code
   * events} as an {@link TraceEvent.Kind#INJECTION} event.
   */
  public static ContainerChaos of(String containerId, EventSink events) {
    Preconditions.notBlank(containerId, "container id");
    Preconditions.notNull(events, "event sink");
    return new ContainerChaos(containerId, events);
  }

  /** Freezes every process of the container; closing the injection unfreezes them. */
  public ContainerInjection pause() {
    docker().pauseContainerCmd(containerId).exec();
    return injected(
        "paused container " + shortId(),
        () -> docker().unpauseContainerCmd(containerId).exec(),
        "unpaused container " + shortId());
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
    docker()
        .updateContainerCmd(containerId)
        .withCpuPeriod(CPU_PERIOD_MICROS)
        .withCpuQuota(quota)
        .exec();
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
        () -> docker().updateContainerCmd(containerId).withCpuQuota(-1L).exec(),
        "lifted the CPU limit of container " + shortId());
  }

  /**
   * Kills the container (SIGKILL); closing the injection starts it again, as a fresh process on a
   * possibly different host port (see {@link SampleTargetContainer#baseUrl()}).
   */
  public ContainerInjection kill() {
    docker().killContainerCmd(containerId).exec();
    return injected(
        "killed container " + shortId(),
        () -> docker().startContainerCmd(containerId).exec(),
        "started container " + shortId() + " again");
  }

  /**
   * Restarts the container: SIGTERM, up to {@code graceSeconds} for the process to end (then
   * SIGKILL), and a fresh start. The sample server drains each design for up to 5 s on SIGTERM.
   *
   * @param graceSeconds in [0, 600]
   */
  public void restart(int graceSeconds) {
    Preconditions.inRange(graceSeconds, 0, 600, "grace seconds");
    report("restarting container " + shortId());
    docker().restartContainerCmd(containerId).withTimeout(graceSeconds).exec();
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

  private ContainerInjection injected(String what, Runnable undo, String undone) {
    report(what);
    return new Injected(what, undo, undone);
  }

  private void report(String detail) {
    events.record(TraceEvent.now(TraceEvent.Kind.INJECTION, SOURCE, detail));
  }

  private String shortId() {
    return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
  }

  private static DockerClient docker() {
    return SampleTargetImage.client();
  }

  /** An injection undone once. */
  private final class Injected implements ContainerInjection {
    private final String description;
    private final Runnable undo;
    private final String undone;
    private final AtomicBoolean active = new AtomicBoolean(true);

    Injected(String description, Runnable undo, String undone) {
      this.description = description;
      this.undo = undo;
      this.undone = undone;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public boolean isActive() {
      return active.get();
    }

    @Override
    public void close() {
      if (active.compareAndSet(true, false)) {
        undo.run();
        report(undone);
      }
    }

    @Override
    public String toString() {
      return "ContainerInjection[" + description + (active.get() ? "" : ", undone") + "]";
    }
  }
}
