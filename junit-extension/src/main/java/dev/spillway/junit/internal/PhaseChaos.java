package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.junit.ChaosStep;
import dev.spillway.toolkit.load.LoadPhase;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The chaos of one run tied to the phases of its load ({@code harness.during(phase, step)}): each
 * step is opened when the driver enters a phase its name selects and closed when the driver enters
 * a phase it does not select, or when the load ends. Steps of one phase open in the order they were
 * given and close in the reverse order. Every switch is an {@link TraceEvent.Kind#INJECTION} event
 * on the run's trace.
 *
 * <p>The driver reports each phase as it enters it ({@link #phases()}, from the driver's thread);
 * the steps are switched on a thread of this class ({@code spillway-chaos-<test>}), so that the
 * driver keeps its pace however long a switch takes. A step that cannot be opened stops the load
 * (its failure is in {@link #failures()}); a step that cannot be closed is a failure too.
 *
 * <p>Thread-safe: {@link #loadEnded()} and {@link #close()} may be called from any thread, more
 * than once.
 */
@API(status = INTERNAL, since = "0.1")
public final class PhaseChaos implements AutoCloseable {

  /** The source of the events this records. */
  public static final String SOURCE = "chaos";

  /** How long {@link #loadEnded()} waits for the open steps to close. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

  private static final int END = -1;

  /** A step and the phase name given with it. */
  public record Entry(String phase, ChaosStep step) {}

  /** An entry, the phases it selects, and its handle while it is open. */
  private static final class Tied {
    final Entry entry;
    final boolean[] selects;
    AutoCloseable open; // chaos thread only
    boolean broken; // chaos thread only: failed to open, not tried again

    Tied(Entry entry, boolean[] selects) {
      this.entry = entry;
      this.selects = selects;
    }
  }

  private final List<Tied> steps = new ArrayList<>();
  private final List<String> phaseNames;
  private final EventSink trace;
  private final Runnable stopLoad;
  private final Thread thread;
  private final LinkedBlockingQueue<Integer> entered = new LinkedBlockingQueue<>();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private int announced; // driver thread only
  private volatile boolean started;

  /**
   * The chaos of the run {@code name}: {@code entries} tied to the phases of {@code profile},
   * switches recorded into {@code trace}; {@code stopLoad} stops the load when a step fails to
   * open.
   *
   * @throws ExtensionConfigurationException when an entry selects no phase (see {@link #check})
   */
  public PhaseChaos(
      String name, List<Entry> entries, LoadProfile profile, EventSink trace, Runnable stopLoad) {
    check(entries, profile);
    this.phaseNames = profile.phases().stream().map(LoadPhase::name).toList();
    for (Entry e : entries) {
      steps.add(new Tied(e, selection(e.phase(), phaseNames)));
    }
    this.trace = trace;
    this.stopLoad = stopLoad;
    this.thread = new Thread(this::loop, "spillway-chaos-" + name);
    this.thread.setDaemon(true);
  }

  /**
   * Checks that every entry's name selects at least one phase of {@code profile}: a phase whose
   * name is the given name, or starts with it and a space (so {@code "spike peak"} selects {@code
   * "spike peak 250/s for 1s"}, and {@code "spike"} all three parts of a spike).
   *
   * @throws ExtensionConfigurationException naming the entry and listing the phases
   */
  public static void check(List<Entry> entries, LoadProfile profile) {
    List<String> names = profile.phases().stream().map(LoadPhase::name).toList();
    for (Entry e : entries) {
      boolean[] selects = selection(e.phase(), names);
      boolean any = false;
      for (boolean s : selects) {
        any |= s;
      }
      if (!any) {
        throw new ExtensionConfigurationException(
            "harness.during(\""
                + e.phase()
                + "\", ...) names no phase of the load; its phases are "
                + names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "))
                + " (a name selects the phases it names in full or by their first words: \""
                + firstWords(names.get(0))
                + "\" selects '"
                + names.get(0)
                + "')");
      }
    }
  }

  private static String firstWords(String name) {
    String[] words = name.split(" ");
    return words.length > 2 ? words[0] + " " + words[1] : name;
  }

  private static boolean[] selection(String phase, List<String> names) {
    boolean[] selects = new boolean[names.size()];
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      selects[i] = n.equals(phase) || n.startsWith(phase + " ");
    }
    return selects;
  }

  /** Starts the thread that switches the steps; call it before the load starts. */
  public void start() {
    started = true;
    thread.start();
  }

  /**
   * Where the driver reports its phases: each {@link TraceEvent.Kind#PHASE} event is the next phase
   * entered (the driver reports each once, in order). Driver thread only.
   */
  public EventSink phases() {
    return event -> {
      if (event.kind() == TraceEvent.Kind.PHASE && announced < phaseNames.size()) {
        entered.add(announced++);
      }
    };
  }

  /**
   * The load has ended: closes every open step and waits up to {@link #CLOSE_TIMEOUT} for it; a
   * step still closing then is interrupted and named in {@link #failures()}.
   */
  public void loadEnded() {
    if (!started) {
      return;
    }
    entered.add(END);
    boolean interrupted = false;
    try {
      thread.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (thread.isAlive()) {
      thread.interrupt();
      failures.add(
          "chaos was still switching "
              + Durations.format(CLOSE_TIMEOUT)
              + " after the load ended ("
              + thread.getName()
              + " was interrupted)");
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Like {@link #loadEnded()} without waiting: the open steps are closed soon, on the chaos thread.
   * Any thread.
   */
  public void endSoon() {
    entered.add(END);
  }

  /** What went wrong so far: steps that failed to open or to close. */
  public List<String> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  /** Like {@link #loadEnded()}: nothing stays switched on. */
  @Override
  public void close() {
    loadEnded();
  }

  private void loop() {
    try {
      while (true) {
        int phase = entered.take();
        switchTo(phase);
        if (phase == END) {
          return;
        }
      }
    } catch (InterruptedException e) {
      closeAll(END); // interrupted: leave nothing on, then end
    }
  }

  private void switchTo(int phase) {
    closeAll(phase);
    for (Tied t : steps) {
      if (phase != END && t.selects[phase] && t.open == null && !t.broken) {
        open(t, phase);
      }
    }
  }

  /** Closes, in reverse order, the open steps that {@code phase} does not select. */
  private void closeAll(int phase) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      Tied t = steps.get(i);
      if (t.open != null && (phase == END || !t.selects[phase])) {
        AutoCloseable handle = t.open;
        t.open = null;
        try {
          handle.close();
          record(
              "off "
                  + (phase == END ? "at the end of the load" : "in '" + phaseNames.get(phase) + "'")
                  + ": "
                  + handle);
        } catch (Throwable e) { // the user's code: whatever it throws, the other steps go on
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          failures.add(
              "harness.during(\"" + t.entry.phase() + "\", ...) failed to switch off: " + e);
        }
      }
    }
  }

  private void open(Tied t, int phase) {
    try {
      AutoCloseable handle = t.entry.step().open();
      if (handle == null) {
        throw new IllegalStateException("the step returned null instead of a handle to close");
      }
      t.open = handle;
      record("on in '" + phaseNames.get(phase) + "': " + handle);
    } catch (Throwable e) { // the user's code: whatever it throws, the run stops and says so
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      t.broken = true;
      failures.add(
          "harness.during(\""
              + t.entry.phase()
              + "\", ...) failed to switch on in '"
              + phaseNames.get(phase)
              + "': "
              + e
              + "; the load was stopped");
      stopLoad.run();
    }
  }

  private void record(String detail) {
    trace.record(TraceEvent.now(TraceEvent.Kind.INJECTION, SOURCE, detail));
  }

  @Override
  public String toString() {
    return "PhaseChaos[steps="
        + steps.stream().map(t -> t.entry.phase()).toList()
        + ", phases="
        + phaseNames
        + "]";
  }
}
