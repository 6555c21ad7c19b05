package dev.spillway.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.junit.internal.AutopsyThreads;
import dev.spillway.junit.internal.Books;
import dev.spillway.junit.internal.ConsumerLoop;
import dev.spillway.junit.internal.Deadline;
import dev.spillway.junit.internal.LiveInjection;
import dev.spillway.junit.internal.LiveMethodInjections;
import dev.spillway.junit.internal.MethodInjectionSpec;
import dev.spillway.junit.internal.OverloadPlan;
import dev.spillway.junit.internal.PhaseChaos;
import dev.spillway.junit.internal.ReportLabels;
import dev.spillway.junit.internal.Resources;
import dev.spillway.junit.internal.RunReporting;
import dev.spillway.junit.internal.WatchedQueue;
import dev.spillway.junit.internal.Wrapping;
import dev.spillway.toolkit.autopsy.Autopsy;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.inject.method.MethodInjector;
import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.AsyncSender;
import dev.spillway.toolkit.load.KeyDistribution;
import dev.spillway.toolkit.load.LoadDriverBuilder;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.record.ObservableQueue;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.target.AccountedTarget;
import dev.spillway.toolkit.util.Preconditions;
import dev.spillway.toolkit.verdict.EarlyStop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The programmatic side of an {@link OverloadTest}, injected as a parameter of the test method: it
 * registers the target, the queues to watch and the components to slow down, drives the load and
 * returns what was measured.
 *
 * <pre>{@code
 * @OverloadTest
 * @ConstantLoad(rate = 300, duration = "1s")
 * @FixedDelay("5ms")                                  // about 200 messages/s
 * @QueueBound(max = 20)
 * void boundedMailboxSheds(OverloadHarness harness) {
 *   InstrumentedQueue<Message> mailbox = InstrumentedQueue.bounded("mailbox", 20);
 *   harness.consume(mailbox, message -> {})           // watched, slowed by @FixedDelay, counted
 *       .sendTo(Sender.offering(mailbox::offer));     // rejected when full, counted
 *   OverloadResult result = harness.run();            // the declared load
 *   assertThat(result.verdict()).isEqualTo(Verdict.SHED);
 *   assertThat(result.shedRatio()).isBetween(0.1, 0.5); // ~100/s of 300/s once full
 * }
 * }</pre>
 *
 * <h2>How the declared and the programmatic parts meet</h2>
 *
 * <ol>
 *   <li>The annotations are validated before the body runs; the harness starts from them: the
 *       declared load, keys, delay and stalls, bounds and expectations.
 *   <li>The body configures the harness: exactly one target ({@link #sendTo}, {@link #sendAsyncTo}
 *       or {@link #sendWithPool}), at least one watched queue ({@link #watch}), the components to
 *       slow down and count ({@link #consume}, {@link #wrapConsumer}, {@link #wrap}), and
 *       optionally its own ledger ({@link #useLedger}), keys ({@link #keys}) or injector ({@link
 *       #inject}), which replace the declared ones.
 *   <li>The body may call {@link #run()} (the declared load) or {@link #run(LoadProfile)} (a
 *       profile built in code) <em>once</em>, and assert on the {@link OverloadResult}. If the body
 *       returns without having run and a load is declared, the extension runs it then, and the
 *       declared bounds decide the test. Declaring bounds, delays or stalls without any load
 *       running is a configuration error.
 *   <li>Every declared bound applies to the run either way: a breached {@link QueueBound} stops the
 *       load at once and fails the test (from {@code run()}, with an {@link AssertionError}); the
 *       drain, no-silent-loss and latency bounds are checked when the load has ended, and {@code
 *       run()} throws when one fails, after publishing the summary.
 * </ol>
 *
 * <h2>A run</h2>
 *
 * <p>When a run starts, the recorder starts sampling every watched queue ({@link
 * OverloadTest#sampleEvery()}), the queue bounds are armed, the injection starts (so that stall
 * offsets count from the start of the load) and the driver plays the profile into the target. When
 * the load has ended the extension waits for the drain (if declared), then settles the books, with
 * the recorder still recording and the injection still slowing the consumers (the backlog drains at
 * their own pace, and the trace shows it): it waits until the target is at rest (nothing queued or
 * in flight, every message accounted for — a balance seen while messages are still queued does not
 * count), or its consumer stops (nothing completed for a second, and still nothing by the settle
 * limit), or the time allowed for the backlog passes (twice what the service rate μ measured during
 * the load needs for it, at least 1 s, derived again from the rate it really drains at when that is
 * slower, at most {@link OverloadTest#settleLimit()}). Then it stops the recorder, closes the
 * injection, judges, checks the bounds, and publishes {@link OverloadResult#summary()}. Chaos tied
 * to phases of the load ({@link #during}) is switched as the driver enters and leaves them, and
 * switched off when the load ends; {@linkplain OverloadCaveat caveats} ({@link #caveat}, {@link
 * OverloadHooks}) are told when the load starts and asked when it has ended.
 *
 * <p><b>The books.</b> Unless the test gives its own ledger ({@link #useLedger}), the harness keeps
 * them: each message is counted sent before it reaches the target, rejected when the target answers
 * a rejection (with its reason; a {@code RejectedExecutionException} thrown by the send is one),
 * failed when it answers a failure or the send throws (with the cause); each call of a wrapped
 * component counts in flight while it runs, then processed when it returns and failed when it
 * throws — on the caller's thread when the send itself ran it (a caller-runs policy), which is
 * push-back and not the consumer's service. Messages still in a watched queue count as queued.
 * Messages unaccounted for once the run has settled are a silent loss only beyond what can still be
 * inside a consumer: none when the harness counts them, the concurrency given to {@link #inFlight}
 * for a component's own ledger, any number while a backlog is still draining when nothing is known.
 * Watched queues must therefore not overlap (no probe of a total next to its parts), and a test
 * that checks for silent loss with the harness's books must wrap its consumer. A component that
 * drops messages after accepting them counts that in {@link #ledger()} ({@code dropped()}).
 *
 * <p><b>Threads.</b> Configure the harness from the test's body. The components it wraps, {@link
 * #events()} and {@link #ledger()} are thread-safe. Everything the harness starts is closed when
 * the test ends, in reverse order, even when it throws.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class OverloadHarness {

  private enum State {
    CONFIGURING,
    RUNNING,
    DONE
  }

  /** The target and how to send to it. */
  record Target(String how, Sender sender, AsyncSender async, int poolThreads) {}

  private final OverloadPlan plan;
  private final Resources resources;
  private final Deadline deadline;
  private final Consumer<String> reporter;
  private final RunReporting reporting;
  private final LiveInjection injection = new LiveInjection();
  private final LiveMethodInjections methodInjections = new LiveMethodInjections();
  private final List<PhaseChaos.Entry> declaredChaos = new ArrayList<>();
  private final Map<String, WatchedQueue> watched = new LinkedHashMap<>();
  private final List<String> wrapped = new ArrayList<>();
  private final List<PhaseChaos.Entry> chaos = new ArrayList<>();
  private final OverloadHooks hooks;
  private final AutopsyThreads autopsyThreads;
  private final boolean earlyStopSwitchedOff;
  private volatile EventSink sink = EventSink.NONE;

  private final Books books;
  private Target target;
  private KeyDistribution keys;
  private long keySeed;
  private Injector injector;
  private EarlyStop stopInCode; // null: as declared
  private State state = State.CONFIGURING;
  private Flood flood;
  private OverloadResult result;

  OverloadHarness(
      OverloadPlan plan,
      Resources resources,
      Deadline deadline,
      Consumer<String> reporter,
      RunReporting reporting,
      OverloadHooks hooks,
      boolean earlyStopSwitchedOff) {
    this.plan = plan;
    this.earlyStopSwitchedOff = earlyStopSwitchedOff;
    this.hooks = hooks;
    this.resources = resources;
    this.deadline = deadline;
    this.reporter = reporter;
    this.reporting = reporting;
    this.books = Books.keptByHarness(plan.name());
    this.keys = plan.keys().map(k -> k.distribution()).orElse(KeyDistribution.singleKey());
    this.keySeed = plan.keys().map(k -> k.seed()).orElse(0L);
    this.injector = plan.injection().map(i -> i.injector()).orElse(null);
    this.autopsyThreads = new AutopsyThreads(plan.autopsy().isPresent());
    resources.add(injection);
    resources.add(methodInjections);
    for (MethodInjectionSpec spec : plan.methodInjections()) {
      if (spec.phase().isPresent()) {
        declaredChaos.add(
            new PhaseChaos.Entry(spec.phase().get(), methodInjections.phased(spec.injector())));
      } else {
        methodInjections.add(spec.injector());
      }
    }
  }

  /** The run's name: the test method's. Threads the harness starts carry it. */
  public String name() {
    return plan.name();
  }

  // ---- the target ----------------------------------------------------------------------------

  /**
   * Sends each message to {@code sender} on the driver's thread, one at a time; for targets that do
   * not block, such as an {@code offer} to a queue ({@link Sender#offering}).
   *
   * @throws IllegalStateException when a target is already set or the run has started
   */
  public OverloadHarness sendTo(Sender sender) {
    Preconditions.notNull(sender, "sender");
    return target(new Target("sendTo", sender, null, 0));
  }

  /**
   * Sends each message to {@code sender} on the driver's thread and measures latency to the
   * completion of the stage it returns.
   *
   * @throws IllegalStateException when a target is already set or the run has started
   */
  public OverloadHarness sendAsyncTo(AsyncSender sender) {
    Preconditions.notNull(sender, "async sender");
    return target(new Target("sendAsyncTo", null, sender, 0));
  }

  /**
   * Hands each message, when it is due, to a pool of {@code senderThreads} threads calling {@code
   * sender}, which may block.
   *
   * @param senderThreads in [1, {@value LoadDriverBuilder#MAX_SENDER_THREADS}]
   * @throws IllegalStateException when a target is already set or the run has started
   */
  public OverloadHarness sendWithPool(int senderThreads, Sender sender) {
    Preconditions.inRange(senderThreads, 1, LoadDriverBuilder.MAX_SENDER_THREADS, "sender threads");
    Preconditions.notNull(sender, "sender");
    return target(new Target("sendWithPool", sender, null, senderThreads));
  }

  /**
   * Floods {@code target}, a component that keeps its own books, in one call: sends to its {@link
   * AccountedTarget#sender() sender} on the driver's thread ({@link #sendTo}), watches each of its
   * {@link AccountedTarget#queues() queues} ({@link #watch(QueueProbe)}), takes the books from its
   * {@link AccountedTarget#ledger() ledger} ({@link #useLedger}) and judges silent loss with what
   * it knows of its messages in flight ({@link #inFlight}). The harness {@linkplain
   * AccountedTarget#close() closes} the target when the test ends (an {@link
   * dev.spillway.toolkit.target.ExecutorTarget} then puts its executor's rejection handler back);
   * it does not stop the component.
   *
   * <pre>{@code
   * ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, SECONDS, new ArrayBlockingQueue<>(100));
   * harness.target(ExecutorTarget.of("orders", pool, message -> handle(message)));
   * }</pre>
   *
   * @throws IllegalStateException when a target is already set or the run has started
   * @throws IllegalArgumentException when a watched queue already has one of its queues' names
   */
  public synchronized OverloadHarness target(AccountedTarget target) {
    Preconditions.notNull(target, "target");
    configuring("target(...)");
    if (this.target != null) {
      throw new IllegalStateException(
          "a harness has one target, and it is already set with "
              + this.target.how()
              + "(...); target(...) cannot set another");
    }
    List<QueueProbe> queues = List.copyOf(target.queues());
    Preconditions.check(
        !queues.isEmpty(), "queues of target '" + target.name() + "'", "at least one", queues);
    for (QueueProbe queue : queues) {
      watch(queue);
    }
    useLedger(target.ledger());
    inFlight(target.inFlight());
    this.target = new Target("target", target.sender(), null, 0);
    resources.add(target);
    return this;
  }

  private synchronized OverloadHarness target(Target next) {
    configuring(next.how() + "(...)");
    if (target != null) {
      throw new IllegalStateException(
          "a harness has one target, and it is already set with "
              + target.how()
              + "(...); "
              + next.how()
              + "(...) cannot set another");
    }
    target = next;
    return this;
  }

  // ---- what to watch -------------------------------------------------------------------------

  /**
   * Watches {@code queue}: its depth is sampled into the trace, its high-water mark and its {@link
   * QueueBound} are checked exactly at every enqueue, and its depth counts as queued in the books.
   * Any {@link ObservableQueue}: an {@link InstrumentedQueue} or the lock-free {@link
   * dev.spillway.toolkit.record.InstrumentedMpscQueue}.
   *
   * @throws IllegalArgumentException when a watched queue or probe already has its name
   */
  public synchronized OverloadHarness watch(ObservableQueue<?> queue) {
    Preconditions.notNull(queue, "queue");
    return add(new WatchedQueue(queue.name(), queue.probe(), queue), "watch(queue)");
  }

  /**
   * Watches the queue {@code probe} reads: its depth is sampled into the trace, its {@link
   * QueueBound} is checked on every sample, and its depth counts as queued in the books.
   *
   * @throws IllegalArgumentException when a watched queue or probe already has its name
   */
  public synchronized OverloadHarness watch(QueueProbe probe) {
    Preconditions.notNull(probe, "probe");
    Preconditions.notBlank(probe.name(), "probe name");
    return add(new WatchedQueue(probe.name(), probe, null), "watch(probe)");
  }

  private OverloadHarness add(WatchedQueue w, String call) {
    configuring(call);
    Preconditions.check(
        !watched.containsKey(w.name()),
        "watched queue name",
        "unique (" + watched.keySet() + " are watched)",
        "'" + w.name() + "'");
    watched.put(w.name(), w);
    return this;
  }

  // ---- the books and the keys ----------------------------------------------------------------

  /**
   * Uses {@code ledger}, kept by the component under test, for the books: the harness then counts
   * nothing itself (see the class description).
   *
   * @throws IllegalStateException when the run has started
   */
  public synchronized OverloadHarness useLedger(MessageLedger ledger) {
    Preconditions.notNull(ledger, "ledger");
    configuring("useLedger(...)");
    books.handOver(ledger);
    return this;
  }

  /**
   * Tells the harness what is known of the messages inside the component's consumers (taken from
   * its queue, no outcome yet), for a component that keeps its own books ({@link #useLedger}):
   * {@link InFlight#counted} when it counts them, {@link InFlight#atMost} with its consumers'
   * concurrency otherwise. After the load, unaccounted messages are judged lost only beyond what
   * can be in flight (see the class description). The harness's own books count them already in the
   * components it wraps.
   *
   * @throws IllegalStateException when the run has started
   */
  public synchronized OverloadHarness inFlight(InFlight inFlight) {
    Preconditions.notNull(inFlight, "in-flight knowledge");
    configuring("inFlight(...)");
    books.declare(inFlight);
    return this;
  }

  /** The ledger of the books: the harness's own, or the one given to {@link #useLedger}. */
  public synchronized MessageLedger ledger() {
    return books.ledger();
  }

  /**
   * Draws the messages' keys from {@code distribution} with {@code seed}, instead of the declared
   * distribution ({@link UniformKeys}, {@link ZipfKeys}, {@link HotKey}) or the single key.
   *
   * @throws IllegalStateException when the run has started
   */
  public synchronized OverloadHarness keys(KeyDistribution distribution, long seed) {
    Preconditions.notNull(distribution, "key distribution");
    configuring("keys(...)");
    keys = distribution;
    keySeed = seed;
    return this;
  }

  // ---- slowing and counting components -------------------------------------------------------

  /**
   * Injects {@code injector} (delay plan, stalls, rate cap, faults) into the wrapped components
   * instead of the declared delay and stalls. It starts with the load, so its offsets count from
   * the start of the load, and it is closed when the run ends.
   *
   * @throws IllegalStateException when the run has started
   */
  public synchronized OverloadHarness inject(Injector injector) {
    Preconditions.notNull(injector, "injector");
    configuring("inject(...)");
    this.injector = injector;
    return this;
  }

  /**
   * Slows, stalls, paces or fails the method that {@code injector} chooses, while the run lasts,
   * wherever it is called — like {@link SlowMethod}, without a seam: the method is woven when the
   * load starts (the injector's offsets count from then) and its class restored when the run ends,
   * or when the test ends in any case. Its injection events go into the run's trace unless the
   * injector has a sink of its own. To slow it during a phase only, use {@code during(phase,
   * injector::install)}.
   *
   * <pre>{@code
   * harness.injectMethod(
   *     MethodInjector.on(OrderRepository.class, "insert")
   *         .using(Injector.named("slow insert").withDelay(Delay.fixed(5, MILLISECONDS))));
   * }</pre>
   *
   * @param injector checked now ({@link MethodInjector#check()}), installed when the load starts
   * @throws IllegalArgumentException when the method cannot be found or woven
   * @throws IllegalStateException when the run has started
   */
  public synchronized OverloadHarness injectMethod(MethodInjector injector) {
    Preconditions.notNull(injector, "method injector");
    configuring("injectMethod(...)");
    injector.check();
    methodInjections.add(injector);
    return this;
  }

  /**
   * {@code consumer}, slowed by the injection while the run lasts and counted in the books:
   * processed when it returns, failed when it throws. Before the run and after it, calls go
   * straight through (still counted).
   */
  public synchronized <T> Consumer<T> wrapConsumer(Consumer<T> consumer) {
    Preconditions.notNull(consumer, "consumer");
    wrapped.add("wrapConsumer(" + consumer + ")");
    return Wrapping.consumer(consumer, injection, books, autopsyThreads);
  }

  /**
   * A proxy of the interface {@code type} over {@code target} whose methods named {@code
   * methodNames} are slowed by the injection while the run lasts and counted in the books (each
   * call is one message: processed when it returns, failed when it throws); other methods go
   * straight through.
   *
   * @param methodNames at least one; each names a method of {@code type}
   */
  public synchronized <T> T wrap(Class<T> type, T target, String... methodNames) {
    Preconditions.notNull(type, "type");
    Preconditions.notNull(target, "target");
    Preconditions.noNullElements(methodNames, "method names");
    T proxy =
        Wrapping.proxy(
            type,
            target,
            new LinkedHashSet<>(List.of(methodNames)),
            injection,
            books,
            autopsyThreads);
    wrapped.add("wrap(" + type.getSimpleName() + ")");
    return proxy;
  }

  /**
   * Starts a consumer thread ({@code spillway-consumer-<test>-<queue>}) that takes messages from
   * {@code queue} and hands them to {@code handler}, {@linkplain #wrapConsumer wrapped}: slowed by
   * the injection and counted (a consumer from {@link #wrapConsumer} is not wrapped twice; do not
   * hand it a method of a {@link #wrap} proxy, which counts already). Watches the queue too, unless
   * it is watched already. The thread runs until the test ends; call this once per consumer thread
   * wanted.
   */
  public synchronized <T> OverloadHarness consume(
      InstrumentedQueue<T> queue, Consumer<? super T> handler) {
    Preconditions.notNull(queue, "queue");
    Preconditions.notNull(handler, "handler");
    configuring("consume(...)");
    if (!watched.containsKey(queue.name())) {
      watch(queue);
    } else if (watched.get(queue.name()).queue() != queue) {
      throw new IllegalArgumentException(
          "queue must be the watched queue named '"
              + queue.name()
              + "' or have a name of its own, but was another queue of that name");
    }
    @SuppressWarnings("unchecked") // a Consumer<? super T> accepts every T
    Consumer<T> taking = (Consumer<T>) handler;
    Consumer<T> slow = Wrapping.consumer(taking, injection, books, autopsyThreads);
    long same = wrapped.stream().filter(w -> w.equals("consume(" + queue.name() + ")")).count();
    String thread =
        "spillway-consumer-" + plan.name() + "-" + queue.name() + (same > 0 ? "-" + same : "");
    ConsumerLoop<T> loop = resources.add(new ConsumerLoop<>(thread, queue, slow));
    autopsyThreads.add(loop.thread());
    loop.start();
    wrapped.add("consume(" + queue.name() + ")");
    return this;
  }

  // ---- the autopsy ---------------------------------------------------------------------------

  /**
   * Records an {@linkplain RecordAutopsy autopsy} of the run's consumers, as {@link RecordAutopsy}
   * does (with its default sample period), for a test that decides in code.
   *
   * @throws IllegalStateException when the run has started
   */
  public synchronized OverloadHarness recordAutopsy() {
    configuring("recordAutopsy()");
    autopsyThreads.want();
    return this;
  }

  /**
   * Adds {@code thread} to the threads the run's {@linkplain RecordAutopsy autopsy} watches: a
   * consumer the harness does not start or wrap (a component's own). Before the run, this also asks
   * for an autopsy ({@link #recordAutopsy()}); once it runs, threads may still be added.
   *
   * @throws IllegalStateException when the run has started without an autopsy
   */
  public synchronized OverloadHarness autopsyOf(Thread thread) {
    Preconditions.notNull(thread, "thread");
    autopsyWanted("autopsyOf(thread)");
    autopsyThreads.add(thread);
    return this;
  }

  /**
   * Adds the threads {@code which} accepts to those the run's {@linkplain RecordAutopsy autopsy}
   * watches, e.g. {@code t -> t.getName().startsWith("pool-orders-")} for an executor's threads;
   * each live thread is asked once, when the autopsy first sees it (see {@link
   * dev.spillway.toolkit.autopsy.Autopsy#watchThreads}). Before the run, this also asks for an
   * autopsy.
   *
   * @throws IllegalStateException when the run has started without an autopsy
   */
  public synchronized OverloadHarness autopsyOf(Predicate<Thread> which) {
    Preconditions.notNull(which, "thread predicate");
    autopsyWanted("autopsyOf(predicate)");
    autopsyThreads.add(which);
    return this;
  }

  private void autopsyWanted(String call) {
    if (state == State.CONFIGURING) {
      autopsyThreads.want();
    } else if (!autopsyThreads.wanted()) {
      throw new IllegalStateException(
          call
              + " adds a thread to the run's autopsy, but test '"
              + plan.name()
              + "' records none and its run has started: declare @RecordAutopsy, or call"
              + " recordAutopsy() or autopsyOf(...) before run()");
    }
  }

  // ---- events and resources ------------------------------------------------------------------

  /**
   * A sink for events on the run's timeline (e.g. for a {@link
   * dev.spillway.toolkit.sentinel.Sentinel}'s breaches): events recorded while the run records go
   * into its trace; others are ignored. Thread-safe.
   */
  public EventSink events() {
    return event -> sink.record(event);
  }

  /** Records a {@link TraceEvent.Kind#MARK MARK} event now, if the run records. */
  public void mark(String detail) {
    Preconditions.notNull(detail, "detail");
    sink.record(TraceEvent.now(TraceEvent.Kind.MARK, plan.name(), detail));
  }

  /**
   * Closes {@code resource} when the test ends, after the load and before the resources started
   * earlier (in reverse order), even when the test throws. Returns it.
   */
  public <C extends AutoCloseable> C closeAfterTest(C resource) {
    Preconditions.notNull(resource, "resource");
    return resources.add(resource);
  }

  // ---- chaos and caveats --------------------------------------------------------------------

  /**
   * Switches {@code step} on while the load plays the phase named {@code phase}: the harness opens
   * it when the driver enters that phase and closes the handle it returned when the driver enters a
   * phase it does not select — or when the load ends, is stopped by a breached bound, or the
   * watchdog fires, and in any case when the test ends.
   *
   * <pre>
   * &#64;SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "1s", duration = "2s")
   * void resetsDuringThePeak(OverloadHarness harness, WireMockChaos downstream) {
   *   harness.during("spike peak", () -&gt; downstream.failing(Fault.CONNECTION_RESET_BY_PEER));
   * }</pre>
   *
   * <p><b>Phase names.</b> The name selects every phase of the load that has that name, or whose
   * name starts with it and a space: a {@link SpikeLoad} plays phases named like {@code "spike base
   * 150/s for 500ms"}, {@code "spike peak 250/s for 1s"} and {@code "spike recovery 150/s for
   * 500ms"}, so {@code "spike peak"} selects the peak and {@code "spike"} the whole spike; a {@link
   * ConstantLoad} is one phase {@code "constant <rate>/s for <duration>"}, a {@link RampLoad} one
   * phase {@code "ramp …"}; a profile built in code has the names given with {@code
   * LoadProfile.builder().named(...)}. A step that selects several phases in a row stays open
   * across them; selected phases apart from each other open it again ({@code step.open()} is called
   * each time). When the load starts, a name that selects no phase fails the run before anything
   * starts, with an {@link ExtensionConfigurationException} listing the phases.
   *
   * <p><b>On the timeline.</b> Each switch is an {@code INJECTION} event (source {@code "chaos"},
   * the detail naming the phase and the handle's {@code toString()}) on the run's trace and in its
   * report. Steps are switched on a thread of the harness ({@code spillway-chaos-<test>}), a moment
   * after the driver enters the phase (the time the switch takes). Steps of one phase open in the
   * order they were given and close in the reverse order.
   *
   * <p><b>Failures.</b> A step that throws instead of opening stops the load, and the run fails
   * naming it; one that throws when closed fails the run after the load.
   *
   * @param phase not blank
   * @param step not null; any method returning an {@link AutoCloseable}
   * @throws IllegalStateException when the run has started
   */
  public synchronized OverloadHarness during(String phase, ChaosStep step) {
    Preconditions.notBlank(phase, "phase name");
    Preconditions.notNull(step, "chaos step");
    configuring("during(...)");
    chaos.add(new PhaseChaos.Entry(phase, step));
    return this;
  }

  /**
   * Adds {@code caveat} to the run: when it finds that the figures are not the target's own (a
   * downstream that limited the service rate, say), its sentence goes with the result; see {@link
   * OverloadCaveat}. Other extensions add theirs through {@link OverloadHooks}.
   *
   * @throws IllegalStateException when the run has started
   */
  public synchronized OverloadHarness caveat(OverloadCaveat caveat) {
    Preconditions.notNull(caveat, "caveat");
    configuring("caveat(...)");
    hooks.addCaveat(caveat);
    return this;
  }

  // ---- the report ----------------------------------------------------------------------------

  /**
   * Reports the run under {@code design} (the survival matrix's row) and {@code scenario} (its
   * column), instead of the declared {@link ReportAs} or its defaults.
   *
   * @throws IllegalStateException when the run has started
   */
  public synchronized OverloadHarness reportAs(String design, String scenario) {
    Preconditions.notBlank(design, "design");
    Preconditions.notBlank(scenario, "scenario");
    configuring("reportAs(...)");
    reporting.labels(new ReportLabels(design, scenario));
    return this;
  }

  /**
   * Adds a fact to show with the run in its report (the component's settings, a target URL…); a
   * second fact of the same name replaces the first.
   *
   * @throws IllegalStateException when the run has started
   */
  public synchronized OverloadHarness reportDetail(String name, String value) {
    Preconditions.notBlank(name, "detail name");
    Preconditions.notNull(value, "detail '" + name + "'");
    configuring("reportDetail(...)");
    reporting.detail(name, value);
    return this;
  }

  // ---- running -------------------------------------------------------------------------------

  /**
   * Stops this run's load as soon as its verdict is certain, as {@link StopWhenCertain} does when
   * declared on the method, with {@code stop}'s confidence, minimum observation and looks — for a
   * test that decides in code: one invocation of a parameterized test whose others must run their
   * whole plan (a design that changes behaviour at a depth it does not declare, such as a
   * sync/async switch, should not stop early), or a stop computed from the test's own figures. It
   * replaces a declared {@code @StopWhenCertain}; {@code -Dspillway.stopWhenCertain=off} ({@link
   * StopWhenCertain#SWITCH}) switches it off as it does the annotation.
   *
   * @param stop the confidence and schedule, e.g. {@code EarlyStop.at(0.99)}
   * @return this harness
   * @throws IllegalStateException when the run has started
   */
  public synchronized OverloadHarness stopWhenCertain(EarlyStop stop) {
    Preconditions.notNull(stop, "early stop");
    configuring("stopWhenCertain(...)");
    stopInCode = stop;
    return this;
  }

  /**
   * Runs the declared load ({@link SpikeLoad}, {@link ConstantLoad} or {@link RampLoad}) and
   * returns what was measured; see the class description.
   *
   * @throws ExtensionConfigurationException when no load is declared or the configuration is
   *     incomplete (no target, nothing watched, …), before anything starts
   * @throws IllegalStateException when the harness has run already
   * @throws AssertionError when a declared bound failed (the summary is published first)
   */
  public OverloadResult run() {
    if (plan.load().isEmpty()) {
      throw new ExtensionConfigurationException(
          "harness.run() plays the declared load, but test '"
              + plan.name()
              + "' declares none: declare @SpikeLoad, @ConstantLoad or @RampLoad, or call"
              + " harness.run(profile)");
    }
    return flood(plan.load().get().profile());
  }

  /**
   * Runs {@code profile} (instead of the declared load, if any) and returns what was measured; see
   * {@link #run()}.
   */
  public OverloadResult run(LoadProfile profile) {
    Preconditions.notNull(profile, "load profile");
    return flood(profile);
  }

  private OverloadResult flood(LoadProfile profile) {
    Flood started;
    synchronized (this) {
      if (state != State.CONFIGURING) {
        throw new IllegalStateException(
            "harness of test '" + plan.name() + "' has run already: a harness runs once");
      }
      Flood.Setup setup =
          new Flood.Setup(
              stopInCode == null || earlyStopSwitchedOff
                  ? plan
                  : plan.withEarlyStop(Optional.of(stopInCode)),
              profile,
              target,
              List.copyOf(watched.values()),
              books,
              keys,
              keySeed,
              injector,
              injection,
              methodInjections,
              resources,
              deadline,
              s -> {
                sink = s;
                hooks.recordInto(s);
              },
              reporting,
              allChaos(),
              hooks.caveats(),
              !wrapped.isEmpty(),
              autopsyThreads,
              plan.autopsy().orElse(Autopsy.DEFAULT_SAMPLE_PERIOD));
      FloodCheck.check(setup, wrapped); // throws before anything starts
      if (!methodInjections.isEmpty() || !declaredChaos.isEmpty()) {
        MethodInjector.attachAgent(); // once per JVM, and slow: not while the load plays
      }
      started = new Flood(setup);
      state = State.RUNNING;
      flood = started;
    }
    try {
      OverloadResult measured = started.run(reporter);
      synchronized (this) {
        result = measured;
      }
      return measured;
    } finally {
      synchronized (this) {
        state = State.DONE;
        if (result == null) {
          started.result().ifPresent(r -> result = r);
        }
      }
    }
  }

  /** The declared chaos ({@link SlowMethod#phase()}) then the body's ({@link #during}). */
  private List<PhaseChaos.Entry> allChaos() {
    List<PhaseChaos.Entry> all = new ArrayList<>(declaredChaos);
    all.addAll(chaos);
    return List.copyOf(all);
  }

  /** The result of the run, once it has ended (also when a bound failed). */
  public synchronized Optional<OverloadResult> result() {
    return Optional.ofNullable(result);
  }

  /** Called on the body's thread when the body has returned: runs the declared load if due. */
  void afterBody() {
    synchronized (this) {
      if (state != State.CONFIGURING) {
        return;
      }
    }
    if (plan.load().isPresent()) {
      run();
      return;
    }
    List<String> unused = new ArrayList<>();
    if (plan.declaresBounds()) {
      unused.add("bounds");
    }
    plan.injection().ifPresent(i -> unused.add(i.source()));
    plan.methodInjections().forEach(m -> unused.add(m.source()));
    List<PhaseChaos.Entry> steps;
    synchronized (this) {
      steps = List.copyOf(chaos);
      if (stopInCode != null) {
        unused.add("harness.stopWhenCertain(...)");
      }
    }
    if (!steps.isEmpty()) {
      throw new ExtensionConfigurationException(
          "test '"
              + plan.name()
              + "' ties chaos to phases of the load with harness.during(\""
              + steps.get(0).phase()
              + "\", ...), but no load ran: declare @SpikeLoad, @ConstantLoad or @RampLoad, or"
              + " call harness.run(profile) in the body");
    }
    if (!unused.isEmpty()) {
      throw new ExtensionConfigurationException(
          "test '"
              + plan.name()
              + "' declares "
              + String.join(" and ", unused)
              + " but no load ran: declare @SpikeLoad, @ConstantLoad or @RampLoad, or call"
              + " harness.run(profile) in the body");
    }
  }

  /** Stops whatever runs now (the watchdog fired); the store closes the rest. Any thread. */
  void abort(String why) {
    Flood running;
    synchronized (this) {
      running = flood;
    }
    if (running != null) {
      running.abort(why);
    }
    injection.close();
    methodInjections.close();
  }

  private void configuring(String call) {
    if (state != State.CONFIGURING) {
      throw new IllegalStateException(
          call + " configures the harness, which must happen before run(); the run has started");
    }
  }

  @Override
  public synchronized String toString() {
    return "OverloadHarness[name="
        + plan.name()
        + ", target="
        + (target == null ? "none" : target.how())
        + ", watched="
        + watched.keySet()
        + ", wrapped="
        + wrapped
        + ", books="
        + (books.countsItself() ? "kept by the harness" : "kept by the component")
        + ", keys="
        + keys
        + ", seed="
        + keySeed
        + ", injector="
        + injector
        + ", methods="
        + methodInjections.injectors()
        + ", chaos="
        + allChaos().stream().map(PhaseChaos.Entry::phase).toList()
        + ", autopsy="
        + autopsyThreads.wanted()
        + ", state="
        + state
        + "]";
  }
}
