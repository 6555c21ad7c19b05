package dev.spillway.junit.container;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.record.EventSink;
import java.util.List;
import org.apiguardian.api.API;
import org.testcontainers.containers.GenericContainer;

/**
 * The container chaos of one test, a parameter that {@link RequiresDocker} resolves: every {@link
 * ContainerInjection} made through a {@link ContainerChaos} it hands out that is still active when
 * the test ends is undone then (unpaused, its CPU limit lifted, started again), in reverse order,
 * even when the test fails — a frozen container never leaks into the next test. The injections stay
 * {@link AutoCloseable}s, to be closed earlier by the test where it wants the chaos to end.
 *
 * <pre>{@code
 * @Test
 * void aFrozenService_timesOut(DockerChaos chaos) {
 *   chaos.of(service).pause(); // service: a started GenericContainer, e.g. a static @Container
 *   ...                        // unpaused when the test ends, whatever happens
 * }
 * }</pre>
 *
 * <p>Resolved for a test method, a lifecycle method or a constructor: what a {@code @BeforeAll}
 * method injects is undone when its class ends, what a test or a {@code @BeforeEach} method injects
 * when the test ends. When an undo fails (other than because the container is gone), the test fails
 * with that error after every other undo has been tried. Thread-safety: all methods are
 * thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DockerChaos {

  private final Leftovers leftovers;

  DockerChaos(Leftovers leftovers) {
    this.leftovers = leftovers;
  }

  /** Chaos for the container {@code containerId}, undone after the test; reported nowhere. */
  public ContainerChaos of(String containerId) {
    return of(containerId, EventSink.NONE);
  }

  /**
   * Chaos for the container {@code containerId}, undone after the test; each change and undo is
   * reported to {@code events}.
   */
  public ContainerChaos of(String containerId, EventSink events) {
    return ContainerChaos.tracked(containerId, events, leftovers::add);
  }

  /** Chaos for a started Testcontainers {@code container}, undone after the test. */
  public ContainerChaos of(GenericContainer<?> container) {
    return of(container, EventSink.NONE);
  }

  /**
   * Chaos for a started Testcontainers {@code container}, undone after the test; each change and
   * undo is reported to {@code events}.
   */
  public ContainerChaos of(GenericContainer<?> container, EventSink events) {
    return of(ContainerChaos.idOf(container), events);
  }

  /** The injections made through this test's chaos that are still in force, oldest first. */
  public List<ContainerInjection> active() {
    return leftovers.active();
  }

  @Override
  public String toString() {
    return "DockerChaos[active=" + active() + "]";
  }
}
