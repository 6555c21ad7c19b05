package dev.spillway.junit.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.spillway.junit.OverloadCaveat;
import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.util.Preconditions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An in-process WireMock on 127.0.0.1 that plays a downstream service, with chaos a test switches
 * on and off while load runs: {@link #slow(Delay)} (the toolkit's delay models, see {@link
 * WireMockDelays}), {@link #fail(Fault)} and {@link #failWithStatus(int)}, {@link #heal()}; or, as
 * changes that last until closed, {@link #slowed(Delay)}, {@link #failing(Fault)} and {@link
 * #failingWithStatus(int)}.
 *
 * <pre>{@code
 * try (WireMockChaos downstream = WireMockChaos.withRequestThreads(16).start();
 *     EventTracker singleton =
 *         Designs.singleton(Downstream.http(downstream.url(), Duration.ofSeconds(2)))) {
 *   downstream.slow(Delay.fixed(Duration.ofMillis(5)));   // μ ≤ 200/s for one consumer
 *   ...                                                    // drive load
 *   try (DownstreamChange resets = downstream.failing(Fault.CONNECTION_RESET_BY_PEER)) {
 *     ...                                                  // every call fails now
 *   }                                                      // 5 ms and 202 again
 *   downstream.heal();                                     // 202 at once again
 *   System.out.println(downstream.stats().describe());    // was WireMock the bottleneck?
 * }
 * }</pre>
 *
 * <p>Every request, whatever its method and path, gets the current answer: 202 with no body, after
 * the current delay, unless a fault or an error status is set. The answer is what the imperative
 * methods set, overridden by the open {@linkplain DownstreamChange changes}, the newest last (a
 * change of the delay leaves the fault alone, and the other way round). A change takes effect for
 * requests that start after it; there is no gap in between (the new answer is in place before the
 * old one is removed).
 *
 * <p><b>Its own bottleneck.</b> A delayed answer holds one of WireMock's Jetty threads for the
 * whole delay, so WireMock serves at most {@link #requestThreads()} requests at once. Give it more
 * request threads than the callers' concurrency (a design's consumer count); {@link #stats()} tells
 * whether requests had to wait for a thread, and {@link #bottleneckCaveat()} says so in an overload
 * run's result, so that a test does not blame the target for the downstream's limit.
 *
 * <p>Thread-safety: all methods are thread-safe; changes are serialized. {@link #close()} stops the
 * server. Its Jetty threads are named {@code spillway-wiremock-<name>-<n>} when {@linkplain
 * Builder#named named}, {@code qtp…} otherwise.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WireMockChaos implements AutoCloseable {

  /** The largest number of request threads accepted. */
  public static final int MAX_REQUEST_THREADS = 1000;

  /** Room for Jetty's own threads while it starts (acceptor, selectors, reserved threads). */
  private static final int STARTUP_HEADROOM = 16;

  private static final String SOURCE = "wiremock-downstream";

  private final WireMockServer server;
  private final QueuedThreadPool pool;
  private final ServeCounter counter;
  private final int requestThreads;
  private final EventSink events;
  private final URI url;
  private Delay delay = Delay.none(); // guarded by this
  private Fault fault; // guarded by this; null for none
  private int status = 202; // guarded by this
  private final List<DownstreamChange> changes = new ArrayList<>(); // guarded by this
  private StubMapping current; // guarded by this

  private WireMockChaos(int requestThreads, EventSink events, String name) {
    this.requestThreads = requestThreads;
    this.events = events;
    AtomicReference<QueuedThreadPool> pool = new AtomicReference<>();
    this.counter = new ServeCounter();
    this.server =
        new WireMockServer(
            wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .jettyAcceptors(1)
                .containerThreads(requestThreads + STARTUP_HEADROOM)
                .jettyAcceptQueueSize(1024)
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .extensions(counter)
                .threadPoolFactory(
                    options -> {
                      // few threads at start, so that lowering the maximum below takes effect
                      QueuedThreadPool p = new QueuedThreadPool(options.containerThreads(), 1);
                      // no reserved threads: they wait for the selector's own tasks and serve no
                      // queued request, so they would hide in the request threads' count
                      p.setReservedThreads(0);
                      if (name != null) {
                        p.setName("spillway-wiremock-" + name);
                      }
                      pool.set(p);
                      counter.watch(p);
                      return p;
                    }));
    server.start();
    this.pool = pool.get();
    // Jetty leases threads for its acceptor and selectors (their number depends on the cores):
    // what is left for requests is set to exactly requestThreads
    this.pool.setMaxThreads(requestThreads + this.pool.getLeasedThreads());
    this.url = URI.create("http://127.0.0.1:" + server.port() + "/downstream");
  }

  /**
   * Starts configuring a downstream that serves up to {@code requestThreads} requests at once.
   *
   * @param requestThreads in [1, {@value #MAX_REQUEST_THREADS}]; more than the callers' concurrency
   *     unless the test is about the downstream's limit
   */
  public static Builder withRequestThreads(int requestThreads) {
    Preconditions.inRange(requestThreads, 1, MAX_REQUEST_THREADS, "request threads");
    return new Builder(requestThreads, EventSink.NONE, null);
  }

  /** The URL to POST events to (any path on the server gets the same answer). */
  public URI url() {
    return url;
  }

  /** How many requests WireMock serves at once. */
  public int requestThreads() {
    return requestThreads;
  }

  /**
   * The size of WireMock's Jetty pool ({@code containerThreads}): the request threads plus the
   * threads Jetty leases for accepting and selecting.
   */
  public int containerThreads() {
    return pool.getMaxThreads();
  }

  // ---- imperative chaos ----------------------------------------------------------------------

  /**
   * Every answer from now on takes {@code delay} (the current fault or status stays; an open {@link
   * #slowed} change still wins until it is closed).
   *
   * @param delay not null; {@link Delay#none()} removes the delay
   * @throws IllegalArgumentException when WireMock cannot express it (see {@link WireMockDelays})
   */
  public synchronized WireMockChaos slow(Delay delay) {
    checkDelay(delay);
    this.delay = delay;
    install("slow: " + delay);
    return this;
  }

  /**
   * Every request from now on fails with {@code fault} (after the current delay): the connection is
   * reset, closed without an answer, or answered with garbage. An open {@link #failing} or {@link
   * #failingWithStatus} change still wins until it is closed.
   *
   * @param fault not null
   */
  public synchronized WireMockChaos fail(Fault fault) {
    Preconditions.notNull(fault, "fault");
    this.fault = fault;
    install("fail: " + fault);
    return this;
  }

  /**
   * Every request from now on is answered with {@code status} and no body (after the current
   * delay), instead of a fault. An open {@link #failing} or {@link #failingWithStatus} change still
   * wins until it is closed.
   *
   * @param status an error status in [400, 599]
   */
  public synchronized WireMockChaos failWithStatus(int status) {
    checkStatus(status);
    this.fault = null;
    this.status = status;
    install("fail: status " + status);
    return this;
  }

  /**
   * No delay, no fault: 202 at once, from now on. Every open {@linkplain DownstreamChange change}
   * ends too (closing it later does nothing).
   */
  public synchronized WireMockChaos heal() {
    this.delay = Delay.none();
    this.fault = null;
    this.status = 202;
    for (DownstreamChange change : changes) {
      change.ended();
    }
    changes.clear();
    install("healed");
    return this;
  }

  // ---- chaos that lasts until closed ---------------------------------------------------------

  /**
   * Every request fails with {@code fault} until the returned change is closed; then the answer is
   * what it would have been without it. For {@code harness.during(phase, () ->
   * downstream.failing(fault))}.
   *
   * @param fault not null
   */
  public synchronized DownstreamChange failing(Fault fault) {
    Preconditions.notNull(fault, "fault");
    return open(new DownstreamChange(this, "fail: " + fault, null, fault, 0));
  }

  /**
   * Every request is answered with {@code status} until the returned change is closed; see {@link
   * #failing(Fault)}.
   *
   * @param status an error status in [400, 599]
   */
  public synchronized DownstreamChange failingWithStatus(int status) {
    checkStatus(status);
    return open(new DownstreamChange(this, "fail: status " + status, null, null, status));
  }

  /**
   * Every answer takes {@code delay} until the returned change is closed; see {@link
   * #failing(Fault)}.
   *
   * @param delay not null
   * @throws IllegalArgumentException when WireMock cannot express it (see {@link WireMockDelays})
   */
  public synchronized DownstreamChange slowed(Delay delay) {
    checkDelay(delay);
    return open(new DownstreamChange(this, "slow: " + delay, delay, null, 0));
  }

  private DownstreamChange open(DownstreamChange change) {
    changes.add(change);
    try {
      install(change.description());
    } catch (RuntimeException e) {
      changes.remove(change);
      change.ended();
      throw e;
    }
    return change;
  }

  /** Takes {@code change} back, if it is still open. */
  synchronized void takeBack(DownstreamChange change) {
    if (!change.ended()) {
      return;
    }
    changes.remove(change);
    if (server.isRunning()) {
      install("ended: " + change.description());
    }
  }

  private static void checkDelay(Delay delay) {
    Preconditions.notNull(delay, "delay");
    WireMockDelays.applyTo(aResponse(), delay); // validates before anything changes
  }

  private static void checkStatus(int status) {
    Preconditions.inRange(status, 400, 599, "error status");
  }

  // ---- what was served -----------------------------------------------------------------------

  /** What was served so far, and whether WireMock's own pool limited the service rate. */
  public DownstreamStats stats() {
    return counter.stats(requestThreads);
  }

  /**
   * A caveat for an overload run ({@code harness.caveat(downstream.bottleneckCaveat())}): it counts
   * what this downstream serves from the start of the load to its end, and when its own pool
   * limited the service rate ({@link DownstreamStats#limitsServiceRate()} over that window) says so
   * with the numbers, so that the run's result does not blame the target. {@link
   * WireMockDownstream} adds it by itself. One run at a time.
   */
  public OverloadCaveat bottleneckCaveat() {
    return new BottleneckCaveat(this, counter);
  }

  // ---- the answer ----------------------------------------------------------------------------

  private void install(String change) {
    install();
    events.record(TraceEvent.now(TraceEvent.Kind.INJECTION, SOURCE, change));
  }

  private void install() {
    Delay d = delay;
    Fault f = fault;
    int s = status;
    for (DownstreamChange change : changes) {
      if (change.delay() != null) {
        d = change.delay();
      }
      if (change.fault() != null) {
        f = change.fault();
      } else if (change.status() != 0) {
        f = null;
        s = change.status();
      }
    }
    ResponseDefinitionBuilder response = aResponse().withStatus(s);
    WireMockDelays.applyTo(response, d);
    if (f != null) {
      response.withFault(f);
    }
    StubMapping next = server.stubFor(any(anyUrl()).withId(UUID.randomUUID()).willReturn(response));
    if (current != null) {
      server.removeStub(current); // the newest stub already wins: no request falls in a gap
    }
    current = next;
  }

  /** Stops the server; idempotent. */
  @Override
  public void close() {
    if (server.isRunning()) {
      server.stop();
    }
  }

  @Override
  public synchronized String toString() {
    return "WireMockChaos[url="
        + url
        + ", requestThreads="
        + requestThreads
        + ", delay="
        + delay
        + ", fault="
        + fault
        + ", status="
        + status
        + ", changes="
        + changes.stream().map(DownstreamChange::description).toList()
        + "]";
  }

  /** Configures a {@link WireMockChaos}; immutable. */
  public static final class Builder {
    private final int requestThreads;
    private final EventSink events;
    private final String name;

    private Builder(int requestThreads, EventSink events, String name) {
      this.requestThreads = requestThreads;
      this.events = events;
      this.name = name;
    }

    /**
     * Where each change of the chaos is reported, as an {@link TraceEvent.Kind#INJECTION} event (a
     * {@code QueueRecorder}, an overload harness's {@code events()}, say). Default {@link
     * EventSink#NONE}.
     *
     * @param sink not null
     */
    public Builder events(EventSink sink) {
      return new Builder(requestThreads, Preconditions.notNull(sink, "event sink"), name);
    }

    /**
     * Names the server's Jetty threads {@code spillway-wiremock-<name>-<n>} (default: Jetty's
     * {@code qtp…}); an overload test's name makes them the test's own threads, which the extension
     * checks have ended when the test ends.
     *
     * @param name not blank
     */
    public Builder named(String name) {
      return new Builder(requestThreads, events, Preconditions.notBlank(name, "name"));
    }

    /** Starts the server, answering 202 at once until told otherwise. */
    public WireMockChaos start() {
      WireMockChaos chaos = new WireMockChaos(requestThreads, events, name);
      try {
        synchronized (chaos) {
          chaos.install();
        }
      } catch (RuntimeException e) {
        chaos.close();
        throw e;
      }
      return chaos;
    }

    @Override
    public String toString() {
      return "WireMockChaos.Builder[requestThreads="
          + requestThreads
          + ", events="
          + events
          + ", name="
          + name
          + "]";
    }
  }
}
