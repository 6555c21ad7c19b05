package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.junit.FaultyProbe.Fault;
import dev.spillway.junit.internal.Deadline;
import dev.spillway.junit.internal.OwnThreads;
import dev.spillway.junit.internal.ReportSettings;
import dev.spillway.report.ReportWriter;
import dev.spillway.report.RunResult;
import dev.spillway.report.RunResultJson;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.HttpMetricsProbe;
import dev.spillway.toolkit.verdict.Verdict;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.opentest4j.AssertionFailedError;

/**
 * Faults in Spillway's own path — a watched probe that throws, returns garbage or blocks, a metrics
 * endpoint that hangs, closes, answers garbage or an error, a target process killed mid-run: each
 * run ends on its own within the deadline its plan + grace give it, fails naming the fault on its
 * first line, is not judged (no verdict from missing samples: the summary and the report say NOT
 * JUDGED), still writes its report, and leaves no thread behind.
 *
 * <p>Every fixture plays {@value Faults#PLAN_MILLIS} ms of load with {@value Faults#GRACE_MILLIS}
 * ms of grace and samples every {@value Faults#SAMPLE_MILLIS} ms; the time a run took is measured
 * around {@code harness.run()} inside the fixture.
 */
class OverloadFaultTests {

  /**
   * Threads the JDK keeps for a while after their owner is gone, named by the JDK: an HTTP client's
   * selector (until the client is garbage-collected) and the reaper of child processes (idle).
   */
  private static final Pattern JDK_THREADS =
      Pattern.compile("HttpClient-\\d+-SelectorManager|process reaper");

  private static final Duration PLAN = Duration.ofMillis(Faults.PLAN_MILLIS);
  private static final Duration GRACE = Duration.ofMillis(Faults.GRACE_MILLIS);

  /**
   * What a run without a drain bound may take by the watchdog's own rule: planned + grace + the
   * books' settle + the margin (see {@link OverloadTest}). Without the fault handling these runs
   * ended only at the setup timeout (30 s), with the body blocked in a probe.
   */
  private static final Duration DEADLINE =
      PLAN.plus(GRACE).plus(Duration.ofMillis(Faults.SETTLE_MILLIS)).plus(Deadline.MARGIN);

  private static final String AT = "at (?:\\+\\S+ \\S+ after|\\S+ \\S+ before) the load started";
  private static final String AFTER = "at \\+(\\S+ \\S+) after the load started";
  private static final String COUNTS = "\\((\\d+) of (\\d+) samples unreadable";
  private static final String AT_END = "\\); not judged: unreadable at the end of the run";

  private Set<String> threadsBefore;

  @BeforeEach
  void noteThreads() {
    threadsBefore = threadNames();
  }

  @AfterEach
  void noThreadIsLeftBehind() {
    Faults.releaseAll();
    // threads that are ending (a closed endpoint's, a killed child's reader) get a moment; one that
    // stays is a leak. Polled in this thread: Awaitility's own would be in the comparison
    await()
        .atMost(OwnThreads.WAIT)
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(10))
        .untilAsserted(
            () -> {
              assertThat(Fixtures.spillwayThreads()).isEmpty();
              Set<String> added = threadNames();
              added.removeAll(threadsBefore);
              added.removeIf(name -> JDK_THREADS.matcher(name).matches());
              assertThat(added).as("threads started by the fixture and still alive").isEmpty();
            });
  }

  private static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .collect(Collectors.toSet());
  }

  /**
   * Runs the fixture {@code name} with its report in {@code dir}, checks what every fault must give
   * — a failed test whose first line matches {@code firstLine}, a run that ended within plan +
   * grace + margin, a NOT JUDGED summary, a report without verdict that says why — and returns the
   * first line's match.
   */
  private static Matcher failsNamingTheFault(String name, Path dir, String firstLine) {
    Fixtures.Outcome outcome = Fixtures.run(Faults.class, name, reportIn(dir));

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.failure()).containsInstanceOf(AssertionFailedError.class);
    String first = outcome.message().lines().findFirst().orElseThrow();
    Matcher m = Pattern.compile(firstLine).matcher(first);
    assertThat(m.matches()).as("first line of:%n%s", outcome.message()).isTrue();
    Duration took = Faults.took.get(name);
    System.out.printf(
        "fault fixture %s: the run took %d ms (plan %d ms + grace %d ms)%n",
        name, took.toMillis(), PLAN.toMillis(), GRACE.toMillis());
    assertThat(took).as("the run, from run() to its end").isLessThan(DEADLINE);
    assertThat(outcome.reports())
        .singleElement()
        .asString()
        .startsWith("overload '" + name + "': NOT JUDGED: " + first + "; latency p99 ");
    RunResult run = readReport(dir, name);
    assertThat(run.verdict()).as("no verdict from missing samples").isEmpty();
    assertThat(run.explanation()).isEqualTo(first);
    assertThat(dir.resolve(ReportWriter.RUNS).resolve("Faults." + name + ".html"))
        .content(StandardCharsets.UTF_8)
        .contains("NOT JUDGED", "samples unreadable");
    return m;
  }

  private static Map<String, String> reportIn(Path dir) {
    return Map.of(ReportSettings.DIRECTORY, dir.toString());
  }

  private static RunResult readReport(Path dir, String name) {
    try {
      return RunResultJson.read(dir.resolve(ReportWriter.RUNS).resolve("Faults." + name + ".json"));
    } catch (IOException e) {
      throw new AssertionError("the run's report was not written: " + e, e);
    }
  }

  private static long group(Matcher m, int group) {
    return Long.parseLong(m.group(group).replace(",", ""));
  }

  @Nested
  class AProbeThatThrows {

    @Test
    void always_leavesTheRunNotJudged_evenWhenTheExpectedVerdictWouldMatchAnEmptyQueue(
        @TempDir Path dir) {
      Matcher m =
          failsNamingTheFault(
              "throwsAlways",
              dir,
              "probe 'orders' threw IllegalStateException: broker connection lost "
                  + AT
                  + " "
                  + COUNTS
                  + "\\); not judged: no sample was read");

      assertThat(group(m, 1)).isEqualTo(group(m, 2)).isPositive();
    }

    @Test
    void sometimes_countsEveryUnreadableSample(@TempDir Path dir) {
      Matcher m =
          failsNamingTheFault(
              "throwsSometimes",
              dir,
              "probe 'orders' threw IllegalStateException: broker connection lost "
                  + AT
                  + " "
                  + COUNTS
                  + "\\); not judged: (?:unreadable at the end of the run|a verdict needs every"
                  + " sample \\(@AllowProbeGaps judges from the samples read\\))");

      // every third read throws, and the recorder made all the reads of the run
      assertThat(group(m, 1)).isEqualTo(group(m, 2) / 3);
    }

    @Test
    void afterSomeReads_saysWhenItStarted_andHowManySamplesWereLost(@TempDir Path dir) {
      Matcher m =
          failsNamingTheFault(
              "throwsAfterReads",
              dir,
              "probe 'orders' threw IllegalStateException: broker connection lost "
                  + AFTER
                  + " "
                  + COUNTS
                  + AT_END);

      assertThat(group(m, 3) - group(m, 2)).as("samples read").isEqualTo(Faults.HEALTHY_READS);
      // the books could not count what the queue held at the end: the report says so
      assertThat(readReport(dir, "throwsAfterReads").details())
          .hasEntrySatisfying("books", v -> assertThat(v).startsWith("queued unknown: "));
    }

    @Test
    void aNegativeDepth_isAFault_notADepth(@TempDir Path dir) {
      Matcher m =
          failsNamingTheFault(
              "negativeAfterReads",
              dir,
              "probe 'orders' returned a negative depth -1 " + AFTER + " " + COUNTS + AT_END);

      assertThat(group(m, 3) - group(m, 2)).as("samples read").isEqualTo(Faults.HEALTHY_READS);
    }
  }

  @Nested
  class AProbeThatBlocks {

    @Test
    void forever_costsItsOwnSamples_andTheRunEndsOnTime(@TempDir Path dir) {
      Matcher m =
          failsNamingTheFault(
              "blocksForever",
              dir,
              "probe 'orders' did not answer within 1 s "
                  + AFTER
                  + " "
                  + COUNTS
                  + "; still blocked when the run ended"
                  + AT_END);

      assertThat(group(m, 3) - group(m, 2)).as("samples read").isEqualTo(Faults.FEW_READS);
    }

    @Test
    void ignoringInterrupts_stillEndsTheRunOnTime_andTheTestNamesTheThreadLeftBehind(
        @TempDir Path dir) {
      Fixtures.Outcome outcome =
          Fixtures.run(Faults.class, "blocksIgnoringInterrupts", reportIn(dir));

      assertThat(outcome.message())
          .startsWith("probe 'orders' did not answer within 1 s at +")
          .contains("; still blocked when the run ended); not judged");
      assertThat(Faults.took.get("blocksIgnoringInterrupts")).isLessThan(DEADLINE);
      assertThat(OverloadLifecycleTests.allCauses(outcome.failure().orElseThrow()))
          .anySatisfy(
              e ->
                  assertThat(e)
                      .isInstanceOf(IllegalStateException.class)
                      .hasMessageStartingWith(
                          "threads of overload test 'blocksIgnoringInterrupts' still alive")
                      .hasMessageContaining("spillway-probe-blocksIgnoringInterrupts-orders"));
      assertThat(readReport(dir, "blocksIgnoringInterrupts").verdict()).isEmpty();
    }
  }

  @Nested
  class AMetricsEndpointThat {

    private static final String HTTP =
        "HTTP probe 'orders' could not read queue_depth\\{\\} from"
            + " http://127\\.0\\.0\\.1:\\d+/metrics: ";

    @Test
    void hangs_isNamedWithItsUrl_andTheTimeItWasGiven(@TempDir Path dir) {
      Matcher m =
          failsNamingTheFault(
              "endpointHangs",
              dir,
              HTTP
                  + "timed out: no complete response within 500 ms \\(connect timeout 200 ms \\+"
                  + " read timeout 300 ms\\) "
                  + AFTER
                  + " "
                  + COUNTS
                  + AT_END);

      assertThat(group(m, 3) - group(m, 2)).as("samples read").isEqualTo(Faults.FEW_READS);
    }

    @Test
    void closesTheConnection(@TempDir Path dir) {
      failsNamingTheFault(
          "endpointCloses",
          dir,
          HTTP
              + "I/O error: java\\.io\\.IOException: HTTP/1\\.1 header parser received no bytes "
              + AFTER
              + " "
              + COUNTS
              + AT_END);
    }

    @Test
    void answersBytesThatAreNotHttp_quotesThemOnOneLine(@TempDir Path dir) {
      failsNamingTheFault(
          "endpointGarbageBytes",
          dir,
          HTTP
              + "I/O error: java\\.net\\.ProtocolException: Invalid status line:"
              + " \"\\\\u0000\u00ffgarb\" "
              + AFTER
              + " "
              + COUNTS
              + AT_END);
    }

    @Test
    void answersABodyThatIsNoExposition(@TempDir Path dir) {
      failsNamingTheFault(
          "endpointGarbageBody",
          dir,
          HTTP
              + "malformed Prometheus text at line 1: expected a metric name, found '<' "
              + AFTER
              + " "
              + COUNTS
              + AT_END);
    }

    @Test
    void answers500(@TempDir Path dir) {
      failsNamingTheFault(
          "endpoint500",
          dir,
          HTTP
              + "HTTP status 500, expected 2xx; the body starts with: 'database is on fire' "
              + AFTER
              + " "
              + COUNTS
              + AT_END);
    }
  }

  @Nested
  class ATargetProcess {

    @Test
    void killedMidRun_endsTheRunOnTime_namingTheEndpointThatWentDown(@TempDir Path dir) {
      // the probe's first failure is the endpoint down, or an I/O error when the kill cut a read
      // short, or a read that timed out before the kill when the machine was too loaded for the
      // child to answer within the probe's 500 ms (seen, with no sample read at all): the kill is
      // named either way, as the first failure or the last, and the run is not judged
      Matcher m =
          failsNamingTheFault(
              "targetKilledMidRun",
              dir,
              "HTTP probe 'orders' could not read queue_depth\\{\\} from"
                  + " http://127\\.0\\.0\\.1:(\\d+)/metrics: .+ "
                  + AT
                  + " "
                  + COUNTS
                  + ".*\\); not judged: (?:unreadable at the end of the run|no sample was read)");

      assertThat(m.group(0))
          .contains(
              "/metrics: endpoint down: could not connect to 127.0.0.1:"
                  + m.group(1)
                  + " (java.net.ConnectException)");
      assertThat(Faults.child.isAlive()).isFalse();
      // the sends after the kill failed, and were counted as such
      assertThat(readReport(dir, "targetKilledMidRun").load().orElseThrow().failed()).isPositive();
    }
  }

  @Nested
  class GapsInTheSamples {

    @Test
    void failTheRun_byDefault(@TempDir Path dir) {
      Matcher m =
          failsNamingTheFault(
              "gapByDefault",
              dir,
              "probe 'orders' threw IllegalStateException: broker connection lost "
                  + AFTER
                  + " "
                  + COUNTS
                  + "\\); not judged: a verdict needs every sample \\(@AllowProbeGaps judges from"
                  + " the samples read\\)");

      assertThat(group(m, 2)).isEqualTo(Faults.GAP_READS);
    }

    @Test
    void withAllowProbeGaps_areJudgedFromTheSamplesRead_withTheGapAsACaveat(@TempDir Path dir) {
      Fixtures.Outcome outcome = Fixtures.run(Faults.class, "gapAllowed", reportIn(dir));

      assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
      String caveat =
          "CAVEAT: probe 'orders' threw IllegalStateException: broker connection lost at +";
      assertThat(outcome.reports())
          .singleElement()
          .asString()
          .startsWith("overload 'gapAllowed': SURVIVED at 'orders'")
          .contains(caveat)
          .endsWith(
              "samples unreadable); judged from the samples read, as allowed: the broker drops"
                  + " its metrics connection now and then");
      RunResult run = readReport(dir, "gapAllowed");
      assertThat(run.verdict()).contains(Verdict.SURVIVED);
      assertThat(run.explanation()).contains(caveat);
    }

    @Test
    void withAllowProbeGaps_stillLeaveANeverReadProbeNotJudged(@TempDir Path dir) {
      failsNamingTheFault(
          "gapAllowedButNeverRead",
          dir,
          "probe 'orders' threw IllegalStateException: broker connection lost "
              + AT
              + " "
              + COUNTS
              + "\\); not judged: no sample was read");
    }

    @Test
    void allowProbeGaps_needsAReason() {
      Fixtures.Outcome outcome = Fixtures.run(Faults.class, "gapAllowedWithoutReason");

      assertThat(outcome.failure()).containsInstanceOf(ExtensionConfigurationException.class);
      assertThat(outcome.message())
          .isEqualTo("@AllowProbeGaps requires that value be a reason (not blank), but was \" \"");
      assertThat(Faults.took).doesNotContainKey("gapAllowedWithoutReason");
    }
  }

  @Fixture
  static class Faults {

    static final long PLAN_MILLIS = 1_000;
    static final long GRACE_MILLIS = 1_000;
    static final long SETTLE_MILLIS = 1_000; // each fixture's settleLimit
    static final long SAMPLE_MILLIS = 20;

    /** Healthy reads before a fault that starts mid-run: about 400 ms of samples. */
    static final int HEALTHY_READS = 20;

    /** Healthy reads before a fault that blocks: about 100 ms of samples. */
    static final int FEW_READS = 5;

    /** The reads a passing fault lasts. */
    static final int GAP_READS = 10;

    static final Map<String, Duration> took = new ConcurrentHashMap<>();
    static final List<FaultyProbe> probes = new java.util.concurrent.CopyOnWriteArrayList<>();
    static volatile ChildProcess child;

    static void releaseAll() {
      probes.forEach(FaultyProbe::release);
      probes.clear();
    }

    /** Runs the declared load, noting how long the run took (also when it fails). */
    private static void run(OverloadHarness harness) {
      long start = System.nanoTime();
      try {
        harness.run();
      } finally {
        took.put(harness.name(), Duration.ofNanos(System.nanoTime() - start));
      }
    }

    /** A backlog drained at ~1 ms a message (about 1,000/s: it keeps up), as the target. */
    private static LinkedBlockingQueue<Message> backlog(OverloadHarness harness) {
      LinkedBlockingQueue<Message> backlog = new LinkedBlockingQueue<>();
      Consumer<Message> handler = harness.wrapConsumer(m -> LockSupport.parkNanos(1_000_000));
      Thread consumer =
          new Thread(
              () -> {
                try {
                  while (true) {
                    handler.accept(backlog.take());
                  }
                } catch (InterruptedException stop) {
                  Thread.currentThread().interrupt(); // the test is over
                }
              },
              "backlog-consumer");
      consumer.setDaemon(true);
      consumer.start();
      harness.closeAfterTest(
          () -> {
            consumer.interrupt();
            consumer.join(2_000);
          });
      harness.sendTo(Sender.offering(backlog::offer));
      return backlog;
    }

    private static void probing(OverloadHarness harness, FaultyProbe.Fault fault, int healthy) {
      probing(harness, fault, healthy, Integer.MAX_VALUE);
    }

    private static void probing(
        OverloadHarness harness, FaultyProbe.Fault fault, int healthy, int faulty) {
      FaultyProbe probe = new FaultyProbe("orders", backlog(harness), fault, healthy, faulty);
      probes.add(probe);
      harness.watch(probe);
      run(harness);
    }

    private static void endpoint(OverloadHarness harness, FaultyEndpoint.Fault fault, int healthy) {
      LinkedBlockingQueue<Message> backlog = backlog(harness);
      FaultyEndpoint endpoint =
          harness.closeAfterTest(FaultyEndpoint.start(fault, healthy, backlog::size));
      harness.watch(harness.closeAfterTest(httpProbe(endpoint.url())));
      run(harness);
    }

    private static HttpMetricsProbe httpProbe(String url) {
      return HttpMetricsProbe.prometheus("orders", url, "queue_depth", Map.of())
          .connectTimeout(Duration.ofMillis(200))
          .readTimeout(Duration.ofMillis(300))
          .build();
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    @ExpectVerdict(Verdict.SURVIVED)
    void throwsAlways(OverloadHarness harness) {
      probing(harness, Fault.THROWS, 0);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    void throwsSometimes(OverloadHarness harness) {
      probing(harness, Fault.THROWS_EVERY_THIRD, 0);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    void throwsAfterReads(OverloadHarness harness) {
      probing(harness, Fault.THROWS, HEALTHY_READS);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    void negativeAfterReads(OverloadHarness harness) {
      probing(harness, Fault.NEGATIVE, HEALTHY_READS);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    void blocksForever(OverloadHarness harness) {
      probing(harness, Fault.BLOCKS, FEW_READS);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    void blocksIgnoringInterrupts(OverloadHarness harness) {
      probing(harness, Fault.IGNORES_INTERRUPTS, FEW_READS);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    void endpointHangs(OverloadHarness harness) {
      endpoint(harness, FaultyEndpoint.Fault.HANG, FEW_READS);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    void endpointCloses(OverloadHarness harness) {
      endpoint(harness, FaultyEndpoint.Fault.CLOSE, HEALTHY_READS);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    void endpointGarbageBytes(OverloadHarness harness) {
      endpoint(harness, FaultyEndpoint.Fault.GARBAGE_BYTES, HEALTHY_READS);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    void endpointGarbageBody(OverloadHarness harness) {
      endpoint(harness, FaultyEndpoint.Fault.GARBAGE_BODY, HEALTHY_READS);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    void endpoint500(OverloadHarness harness) {
      endpoint(harness, FaultyEndpoint.Fault.STATUS_500, HEALTHY_READS);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @SpikeLoad(base = 100, peak = 150, at = "400ms", hold = "300ms", duration = "1s")
    @AllowSilentLoss("the target's consumer runs in another process: the harness cannot count it")
    void targetKilledMidRun(OverloadHarness harness) throws Exception {
      ChildProcess target = harness.closeAfterTest(ChildProcess.start(2));
      child = target;
      ExecutorService clientThreads = Executors.newCachedThreadPool();
      harness.closeAfterTest(clientThreads::shutdownNow);
      HttpClient client =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofMillis(200))
              .executor(clientThreads)
              .build();
      HttpRequest post =
          HttpRequest.newBuilder(URI.create(target.url("/events")))
              .timeout(Duration.ofMillis(500))
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();
      Sender sender =
          message ->
              client.send(post, HttpResponse.BodyHandlers.discarding()).statusCode() == 202
                  ? Outcome.ACCEPTED
                  : Outcome.REJECTED;
      HttpMetricsProbe probe = harness.closeAfterTest(httpProbe(target.url("/metrics")));
      // the target serves, warm, before the load: the kill is the only fault of the run
      await()
          .atMost(ChildProcess.START_TIMEOUT)
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(() -> probe.depth() >= 0 && sender.send(null) == Outcome.ACCEPTED);
      for (int i = 0; i < 100; i++) {
        sender.send(null);
        probe.depth();
      }
      harness
          .sendWithPool(4, sender)
          .watch(probe)
          .during(
              "spike peak",
              () -> {
                target.kill();
                return () -> {};
              });
      run(harness);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    void gapByDefault(OverloadHarness harness) {
      probing(harness, Fault.THROWS, HEALTHY_READS, GAP_READS);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    @AllowProbeGaps("the broker drops its metrics connection now and then")
    @ExpectVerdict(Verdict.SURVIVED)
    void gapAllowed(OverloadHarness harness) {
      probing(harness, Fault.THROWS, HEALTHY_READS, GAP_READS);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    @AllowProbeGaps("the broker drops its metrics connection now and then")
    void gapAllowedButNeverRead(OverloadHarness harness) {
      probing(harness, Fault.THROWS, 0);
    }

    @OverloadTest(grace = "1s", sampleEvery = "20ms", settleLimit = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    @AllowProbeGaps(" ")
    void gapAllowedWithoutReason(OverloadHarness harness) {
      probing(harness, Fault.THROWS, 0);
    }
  }
}
