package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.junit.internal.ReportSettings;
import dev.spillway.report.ReportWriter;
import dev.spillway.report.RunResult;
import dev.spillway.report.RunResultJson;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.verdict.Verdict;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Caveats: what something outside the target found about a run goes with its result — the summary,
 * the explanation of the verdict, the report — from the test's body ({@link
 * OverloadHarness#caveat}) or from another extension ({@link OverloadHooks}).
 */
class OverloadCaveatTests {

  private static final String CAVEAT = "the downstream served at most 10/s (test caveat)";

  @TempDir Path dir;

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @Test
  void aCaveatThatSpeaks_goesWithTheResult_theVerdictAndTheReport() throws Exception {
    Path reports = dir.resolve("reports");
    Fixtures.Outcome outcome =
        Fixtures.run(
            Caveats.class, "fromTheBody", Map.of(ReportSettings.DIRECTORY, reports.toString()));

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    OverloadResult result = Caveats.lastResult.get();
    assertThat(result.caveats()).containsExactly(CAVEAT);
    // the caveat ends the summary, after the books (and after any send the target held up: a
    // loaded machine may pause the driver inside an offer for a whole gap, and the summary says so)
    assertThat(result.summary()).contains(", 0 unaccounted").endsWith("; CAVEAT: " + CAVEAT);
    assertThat(outcome.reports()).singleElement().asString().endsWith("; CAVEAT: " + CAVEAT);
    assertThat(result.assessment("mailbox").explanation()).endsWith("; CAVEAT: " + CAVEAT);
    assertThat(Caveats.started.get()).as("loadStarting, once").isEqualTo(1);
    assertThat(Caveats.handledAtStart.get()).as("before the first message").isZero();
    assertThat(Caveats.afterLoad.get()).as("afterLoad, once").isEqualTo(1);

    RunResult run =
        RunResultJson.read(reports.resolve(ReportWriter.RUNS).resolve("Caveats.fromTheBody.json"));
    assertThat(run.details()).containsEntry("caveat", CAVEAT);
    assertThat(run.explanation()).endsWith("; CAVEAT: " + CAVEAT);
  }

  @Test
  void aCaveatFromAnotherExtension_andItsEvents_reachTheRun_whicheverIsResolvedFirst() {
    Fixtures.Outcome outcome = Fixtures.run(Caveats.class, "fromAnExtension");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    OverloadResult result = Caveats.lastResult.get();
    assertThat(result.caveats()).containsExactly("first from the extension", CAVEAT);
    assertThat(result.summary()).endsWith("; CAVEAT: first from the extension; CAVEAT: " + CAVEAT);
    assertThat(result.trace().events(TraceEvent.Kind.MARK))
        .extracting(TraceEvent::source, TraceEvent::detail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("extension", "while the load ran"));
  }

  @Test
  void anUnexpectedVerdict_isExplainedWithTheCaveat() {
    Fixtures.Outcome outcome = Fixtures.run(Caveats.class, "unexpectedVerdict");

    assertThat(outcome.message())
        .startsWith("@ExpectVerdict(OVERFLOWED) failed: the verdict on 'mailbox' was SURVIVED: ")
        .contains("; CAVEAT: " + CAVEAT);
  }

  @Test
  void aCaveatThatFindsNothing_leavesTheResultAlone() {
    Fixtures.Outcome outcome = Fixtures.run(Caveats.class, "silentCaveat");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    assertThat(Caveats.lastResult.get().caveats()).isEmpty();
    assertThat(Caveats.lastResult.get().summary())
        .contains(", 0 unaccounted")
        .doesNotContain("CAVEAT");
  }

  @Test
  void hooks_needATestMethodsContext() {
    ExtensionContext classContext =
        (ExtensionContext)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ExtensionContext.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getTestMethod" -> Optional.empty();
                      case "getUniqueId" -> "[engine:junit-jupiter]/[class:X]";
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    assertThatThrownBy(() -> OverloadHooks.of(classContext))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "extension context must be the context of a test method, but was"
                + " [engine:junit-jupiter]/[class:X]");
    assertThatThrownBy(() -> OverloadHooks.of(null))
        .hasMessage("extension context must not be null");
  }

  /** Always speaks; counts its calls. */
  static final class CountingCaveat implements OverloadCaveat {

    @Override
    public void loadStarting() {
      Caveats.started.incrementAndGet();
      Caveats.handledAtStart.set(Caveats.handled.get());
    }

    @Override
    public Optional<String> afterLoad() {
      Caveats.afterLoad.incrementAndGet();
      return Optional.of(CAVEAT);
    }

    @Override
    public String toString() {
      return "CountingCaveat";
    }
  }

  /** Another extension: adds a caveat and keeps the run's event sink, through the hooks. */
  static final class NoteTaker implements BeforeEachCallback {
    static volatile EventSink events = EventSink.NONE;

    @Override
    public void beforeEach(ExtensionContext context) {
      OverloadHooks hooks = OverloadHooks.of(context);
      hooks.addCaveat(() -> Optional.of("first from the extension"));
      events = hooks.events();
    }
  }

  @Fixture
  static class Caveats {

    static final AtomicReference<OverloadResult> lastResult = new AtomicReference<>();
    static final AtomicInteger handled = new AtomicInteger();
    static final AtomicInteger started = new AtomicInteger();
    static final AtomicInteger handledAtStart = new AtomicInteger(-1);
    static final AtomicInteger afterLoad = new AtomicInteger();

    private static void target(OverloadHarness harness) {
      handled.set(0);
      started.set(0);
      handledAtStart.set(-1);
      afterLoad.set(0);
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness
          .consume(mailbox, m -> handled.incrementAndGet())
          .sendTo(Sender.offering(mailbox::offer));
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 200, duration = "500ms")
    @DrainsWithin("1s")
    void fromTheBody(OverloadHarness harness) {
      target(harness);
      harness.caveat(new CountingCaveat());
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "2s")
    @ExtendWith(NoteTaker.class)
    @ConstantLoad(rate = 200, duration = "300ms")
    void fromAnExtension(OverloadHarness harness) {
      target(harness);
      harness.caveat(new CountingCaveat());
      NoteTaker.events.record(TraceEvent.now(TraceEvent.Kind.MARK, "extension", "before"));
      harness.during(
          "constant",
          () -> {
            NoteTaker.events.record(
                TraceEvent.now(TraceEvent.Kind.MARK, "extension", "while the load ran"));
            return () -> {};
          });
      lastResult.set(harness.run());
      NoteTaker.events.record(TraceEvent.now(TraceEvent.Kind.MARK, "extension", "after"));
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 200, duration = "300ms")
    @ExpectVerdict(Verdict.OVERFLOWED)
    void unexpectedVerdict(OverloadHarness harness) {
      target(harness);
      harness.caveat(new CountingCaveat());
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 200, duration = "300ms")
    void silentCaveat(OverloadHarness harness) {
      target(harness);
      harness.caveat(Optional::empty);
      lastResult.set(harness.run());
    }
  }
}
