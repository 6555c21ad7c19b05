package dev.spillway.junit.wiremock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.spillway.toolkit.inject.Delay;
import org.apiguardian.api.API;

/**
 * One change of a {@link WireMockChaos} downstream's answer that lasts until it is closed: from
 * {@link WireMockChaos#failing(Fault)}, {@link WireMockChaos#failingWithStatus(int)} or {@link
 * WireMockChaos#slowed(Delay)}. Closing it takes the change back: the downstream then answers as it
 * would had the change never been made (changes made since, and other open changes, stay). Fits
 * {@code harness.during(phase, () -> downstream.failing(fault))} and try-with-resources.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DownstreamChange implements AutoCloseable {

  private final WireMockChaos downstream;
  private final String description;
  private final Delay delay; // null: the delay is not changed
  private final Fault fault; // null: no fault
  private final int status; // 0: the status is not changed
  private volatile boolean open = true;

  DownstreamChange(
      WireMockChaos downstream, String description, Delay delay, Fault fault, int status) {
    this.downstream = downstream;
    this.description = description;
    this.delay = delay;
    this.fault = fault;
    this.status = status;
  }

  Delay delay() {
    return delay;
  }

  Fault fault() {
    return fault;
  }

  int status() {
    return status;
  }

  /** The change, as in the downstream's events: {@code "fail: CONNECTION_RESET_BY_PEER"}. */
  String description() {
    return description;
  }

  /** Whether the change is still in place. */
  public boolean isOpen() {
    return open;
  }

  /** Marks the change taken back; returns whether it was open. */
  boolean ended() {
    boolean was = open;
    open = false;
    return was;
  }

  /** Takes the change back (see the class description); does nothing the second time. */
  @Override
  public void close() {
    downstream.takeBack(this);
  }

  @Override
  public String toString() {
    return "DownstreamChange[" + description + ", " + (open ? "open" : "closed") + "]";
  }
}
