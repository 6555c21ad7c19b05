package dev.spillway.samples;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.samples.internal.CpuBoundDownstream;
import dev.spillway.samples.internal.HttpDownstream;
import dev.spillway.samples.internal.InProcessDownstream;
import dev.spillway.toolkit.util.Preconditions;
import java.net.URI;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * What handling one event means: the seam between a design's consumer and the work it does. A call
 * that returns normally is PROCESSED in the ledger; one that throws is FAILED (never lost).
 *
 * <p>Implementations are called by the design's consumer threads, one event at a time per consumer,
 * and must be thread-safe when a design has several consumers. An implementation that waits must
 * end its wait when the thread is interrupted (throw {@link InterruptedException}): a restart or a
 * close past its drain timeout interrupts the consumer.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface Downstream {

  /** Handles {@code event}; throws when handling failed. */
  void handle(Event event) throws Exception;

  /**
   * Handling in process that takes {@code serviceTime} per event (the seed incident's handler: 5 ms
   * gives one consumer a ceiling near 200 events/s). Built on the toolkit's {@code Injector} with a
   * fixed delay, whose waits catch up on timer overshoot, so the service rate is close to
   * 1/serviceTime even on a loaded machine.
   *
   * @param serviceTime time per event, &gt;= 0 (0 handles at once)
   */
  static Downstream inProcess(Duration serviceTime) {
    return new InProcessDownstream(Preconditions.notNegative(serviceTime, "service time"));
  }

  /**
   * Handling in process that burns {@code cpuTime} of the consumer thread's CPU per event (counted
   * on the thread's CPU clock). Unlike {@link #inProcess(Duration)}, which waits and costs no CPU,
   * it slows down when the thread gets less CPU: under a container's CPU quota, on a busy machine,
   * or when other consumers of the same process compete for the cores. A free core serves about
   * 1/cpuTime events per second with it.
   *
   * @param cpuTime CPU time per event, &gt;= 0 (0 handles at once)
   * @throws UnsupportedOperationException when the JVM cannot measure a thread's CPU time
   */
  static Downstream cpuBound(Duration cpuTime) {
    return new CpuBoundDownstream(Preconditions.notNegative(cpuTime, "CPU time"));
  }

  /**
   * Handling by an HTTP POST of the event to {@code url} (with headers {@code X-Event-Key} and
   * {@code X-Event-Id}); a status other than 2xx, a timeout or a connection failure is a failure.
   *
   * @param url an http or https URL
   * @param timeout connect timeout and whole-request timeout, &gt; 0
   */
  static Downstream http(URI url, Duration timeout) {
    return new HttpDownstream(url, Preconditions.positive(timeout, "downstream timeout"));
  }
}
