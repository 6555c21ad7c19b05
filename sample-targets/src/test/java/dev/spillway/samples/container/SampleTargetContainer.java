package dev.spillway.samples.container;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.spillway.junit.container.ContainerChaos;
import dev.spillway.toolkit.probe.HttpMetricsProbe;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.util.Preconditions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * A running container of the {@link SampleTargetImage}: the sample-target server, reachable from
 * the host at {@link #baseUrl()}. Start it with {@link SampleTargetImage#start(String...)}; close
 * it to stop and remove it.
 *
 * <pre>{@code
 * try (SampleTargetContainer target = image.start("--service-time=5ms");
 *     ContainerInjection frozen = target.chaos().pause()) {
 *   ... // requests to target.baseUrl() hang until the injection is closed
 * }
 * }</pre>
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
public final class SampleTargetContainer implements AutoCloseable {

  /** How long the server may take to answer {@code /health} after the container starts. */
  public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final GenericContainer<?> container;
  private final Duration startTime;

  private SampleTargetContainer(GenericContainer<?> container, Duration startTime) {
    this.container = container;
    this.startTime = startTime;
  }

  static SampleTargetContainer start(GenericContainer<?> ofTheImage, String... flags) {
    Preconditions.notNull(flags, "flags");
    Preconditions.noNullElements(flags, "flags");
    GenericContainer<?> container =
        ofTheImage
            .withCommand(flags)
            .waitingFor(
                Wait.forHttp("/health").forStatusCode(200).withStartupTimeout(STARTUP_TIMEOUT));
    long start = System.nanoTime();
    try {
      container.start();
    } catch (RuntimeException e) {
      String logs = container.isCreated() ? container.getLogs() : "(not created)";
      container.stop();
      throw new IllegalStateException(
          "the sample-target container did not start: " + e.getMessage() + "; its output:\n" + logs,
          e);
    }
    return new SampleTargetContainer(container, Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * The server's base URL on the host, such as {@code http://localhost:32771}. Read from Docker on
   * every call: the host port changes when the container is started again after a kill.
   */
  public URI baseUrl() {
    Ports.Binding[] bindings =
        inspect()
            .getNetworkSettings()
            .getPorts()
            .getBindings()
            .get(ExposedPort.tcp(SampleTargetImage.PORT));
    Preconditions.check(
        bindings != null && bindings.length > 0,
        "container " + containerId(),
        "running with port " + SampleTargetImage.PORT + " published",
        "not published (is it stopped?)");
    return URI.create("http://" + container.getHost() + ":" + bindings[0].getHostPortSpec());
  }

  /** The container's id. */
  public String containerId() {
    return container.getContainerId();
  }

  /** How long the container took from create to answering {@code /health}. */
  public Duration startTime() {
    return startTime;
  }

  /** Chaos for this container, reported nowhere. */
  public ContainerChaos chaos() {
    return ContainerChaos.of(containerId());
  }

  /** Chaos for this container, each change reported to {@code events} as an INJECTION event. */
  public ContainerChaos chaos(EventSink events) {
    return ContainerChaos.of(containerId(), events);
  }

  /**
   * A probe of a design's total depth, read from the server's {@code /metrics} ({@code
   * spillway_design_depth{design}}), with short timeouts so that a frozen server shows as failed
   * reads rather than stalls. Close it after use.
   *
   * @param design {@code singleton}, {@code partitioned}, {@code bounded} or {@code
   *     sentinel-watched}
   * @param timeout connect and read timeout, &gt; 0
   */
  public HttpMetricsProbe depthProbe(String design, Duration timeout) {
    return metricProbe(design, "spillway_design_depth", Map.of("design", design), timeout);
  }

  /**
   * A probe of any whole-number sample of the server's {@code /metrics}, such as {@code
   * spillway_messages_total{design="singleton",outcome="processed"}}.
   */
  public HttpMetricsProbe metricProbe(
      String name, String metric, Map<String, String> labels, Duration timeout) {
    Preconditions.positive(timeout, "probe timeout");
    return HttpMetricsProbe.prometheus(name, baseUrl() + "/metrics", metric, labels)
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .build();
  }

  /**
   * A probe of one of a design's message counters ({@code spillway_messages_total{design,
   * outcome}}), named after the outcome. Close it after use.
   *
   * @param outcome {@code sent}, {@code processed}, {@code rejected}, {@code dropped} or {@code
   *     failed}
   * @param timeout connect and read timeout, &gt; 0
   */
  public HttpMetricsProbe messagesProbe(String design, String outcome, Duration timeout) {
    return metricProbe(
        outcome, "spillway_messages_total", Map.of("design", design, "outcome", outcome), timeout);
  }

  /** A design's message counter for {@code outcome}, read once now (2 s timeouts). */
  public long messages(String design, String outcome) {
    try (HttpMetricsProbe probe = messagesProbe(design, outcome, Duration.ofSeconds(2))) {
      return probe.depth();
    }
  }

  /** What Docker says about the container now (state, limits, ports). */
  public InspectContainerResponse inspect() {
    return DockerClientFactory.instance().client().inspectContainerCmd(containerId()).exec();
  }

  /** What the server printed so far. */
  public String logs() {
    return container.getLogs();
  }

  /** Stops and removes the container; idempotent. */
  @Override
  public void close() {
    container.stop();
  }

  @Override
  public String toString() {
    return "SampleTargetContainer[id="
        + containerId()
        + ", image="
        + container.getDockerImageName()
        + ", startTime="
        + startTime
        + "]";
  }
}
