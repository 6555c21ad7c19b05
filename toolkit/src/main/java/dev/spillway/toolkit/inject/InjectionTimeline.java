package dev.spillway.toolkit.inject;

import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;
import java.util.List;

/**
 * Reports an injection's timeline (start, plan steps, stall windows, close) as INJECTION events.
 *
 * <p>No thread of its own: the calls of the injection (and its close) move a cursor forward, and
 * every change the cursor passes is reported then, stamped with the nanoTime it was scheduled at.
 * So events arrive in time order, at the latest with the next call or at close, and always carry
 * the exact time of the change. Exists only when a sink is set. All methods thread-safe.
 */
final class InjectionTimeline {

  private final String source;
  private final EventSink sink;
  private final DelayPlan plan;
  private final List<Stall> stalls;
  private final long startNanos;
  private long cursor = -1; // every change at or before this (elapsed nanos) has been reported
  private volatile long nextChange; // the next change after the cursor
  private boolean closed;

  InjectionTimeline(Injector injector, long startNanos) {
    this.source = injector.name();
    this.sink = injector.eventSink();
    this.plan = injector.plan();
    this.stalls = injector.stalls();
    this.startNanos = startNanos;
    synchronized (this) {
      sink.record(
          new TraceEvent(
              startNanos,
              TraceEvent.Kind.INJECTION,
              source,
              "injection started: " + describe(injector)));
      reportUpTo(0); // stall windows opening at +0
    }
  }

  /** Reports every change up to {@code elapsed} nanoseconds after the start. */
  void advanceTo(long elapsed) {
    if (elapsed >= nextChange) {
      synchronized (this) {
        reportUpTo(elapsed);
      }
    }
  }

  /** Reports the changes up to {@code elapsed}, then the close itself. */
  synchronized void close(long elapsed, long calls, long faults) {
    reportUpTo(elapsed);
    closed = true;
    StringBuilder d = new StringBuilder("injection closed at +").append(Duration.ofNanos(elapsed));
    int step = plan.stepAt(elapsed);
    d.append(": ").append(stepName(step)).append(" ends");
    for (int i = 0; i < stalls.size(); i++) {
      if (stalls.get(i).windowEndAt(elapsed) >= 0) {
        d.append(", ").append(stallName(i)).append(" ends early");
      }
    }
    d.append("; ").append(calls).append(" calls, ").append(faults).append(" faults injected");
    emit(elapsed, d.toString());
  }

  private void reportUpTo(long elapsed) {
    while (!closed) {
      long next = nextChangeAfter(cursor);
      if (next > elapsed) {
        nextChange = next;
        return;
      }
      for (int i = 1; i < plan.steps(); i++) {
        if (plan.offsetNanos(i) == next) {
          emit(
              next,
              stepName(i)
                  + " begins at +"
                  + Duration.ofNanos(next)
                  + ": "
                  + plan.delay(i)
                  + " ("
                  + stepName(i - 1)
                  + " ends)");
        }
      }
      for (int pass = 0; pass < 2; pass++) { // ends before starts at the same instant
        for (int i = 0; i < stalls.size(); i++) {
          Stall s = stalls.get(i);
          boolean opens = s.nextBoundaryAfter(next - 1) == next && s.opensAt(next);
          boolean closes = s.nextBoundaryAfter(next - 1) == next && !opens;
          if (pass == 0 && closes) {
            emit(next, stallName(i) + " ends at +" + Duration.ofNanos(next));
          } else if (pass == 1 && opens) {
            emit(
                next,
                stallName(i)
                    + " begins at +"
                    + Duration.ofNanos(next)
                    + " for "
                    + s.length()
                    + ": "
                    + s);
          }
        }
      }
      cursor = next;
    }
  }

  private long nextChangeAfter(long after) {
    long next = Long.MAX_VALUE;
    for (int i = 1; i < plan.steps(); i++) {
      if (plan.offsetNanos(i) > after) {
        next = plan.offsetNanos(i);
        break;
      }
    }
    for (Stall s : stalls) {
      next = Math.min(next, s.nextBoundaryAfter(after));
    }
    return next;
  }

  private String stepName(int step) {
    return "delay plan step " + (step + 1) + "/" + plan.steps();
  }

  private String stallName(int index) {
    return "stall " + (index + 1) + "/" + stalls.size();
  }

  private void emit(long elapsed, String detail) {
    sink.record(new TraceEvent(startNanos + elapsed, TraceEvent.Kind.INJECTION, source, detail));
  }

  private String describe(Injector injector) {
    return stepName(0)
        + " begins: "
        + plan.delay(0)
        + "; plan="
        + plan
        + ", stalls="
        + stalls
        + ", rateCap="
        + (injector.rateCap().isPresent() ? injector.rateCap().getAsDouble() + "/s" : "none")
        + ", faultProbability="
        + injector.faultProbability()
        + ", seed="
        + injector.seed();
  }
}
