package dev.spillway.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.util.Preconditions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Where another extension meets the {@link OverloadHarness} of a test, whichever of the two JUnit
 * resolves first: it adds {@linkplain OverloadCaveat caveats} to the test's run and records events
 * on its timeline, without depending on the harness being there (a test without {@link
 * OverloadTest} simply has no run to show them).
 *
 * <pre>{@code
 * OverloadHooks hooks = OverloadHooks.of(extensionContext);   // the test's, kept in its store
 * hooks.addCaveat(myDownstream.bottleneckCaveat());
 * MyDownstream.start().events(hooks.events());                 // its changes go on the run's trace
 * }</pre>
 *
 * <p>One instance per test method, kept in the test's {@link ExtensionContext.Store}. Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class OverloadHooks {

  private static final Namespace NAMESPACE = Namespace.create(OverloadHooks.class);
  private static final String KEY = "hooks";

  private final List<OverloadCaveat> caveats = new CopyOnWriteArrayList<>();
  private volatile EventSink trace = EventSink.NONE;

  private OverloadHooks() {}

  /**
   * The hooks of the test that {@code context} belongs to: the context of a test method (as given
   * to a {@code BeforeEachCallback} or to a parameter resolver of the test method or its
   * {@code @BeforeEach} and {@code @AfterEach} methods).
   *
   * @throws IllegalArgumentException when {@code context} is not a test method's
   */
  public static OverloadHooks of(ExtensionContext context) {
    Preconditions.notNull(context, "extension context");
    Preconditions.check(
        context.getTestMethod().isPresent(),
        "extension context",
        "the context of a test method",
        context.getUniqueId());
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(KEY, key -> new OverloadHooks(), OverloadHooks.class);
  }

  /**
   * Adds {@code caveat} to every run of the test from now on (a run that has started already does
   * not see it).
   */
  public void addCaveat(OverloadCaveat caveat) {
    caveats.add(Preconditions.notNull(caveat, "caveat"));
  }

  /**
   * A sink for events on the timeline of the test's run: events recorded while a run records go
   * into its trace (as {@link OverloadHarness#events()}); others are ignored.
   */
  public EventSink events() {
    return event -> trace.record(event);
  }

  /** The caveats added so far. */
  List<OverloadCaveat> caveats() {
    return List.copyOf(caveats);
  }

  /** Where {@link #events()} go from now on: the recording run's, or {@link EventSink#NONE}. */
  void recordInto(EventSink sink) {
    trace = sink;
  }

  @Override
  public String toString() {
    return "OverloadHooks[caveats=" + caveats + ", trace=" + trace + "]";
  }
}
