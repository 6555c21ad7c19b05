package dev.spillway.toolkit.autopsy.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** The kinds of wait JFR records with a duration, by the event that records each. */
@API(status = INTERNAL, since = "0.1")
public enum WaitKind {
  /** {@code jdk.ThreadSleep}. */
  SLEEP("jdk.ThreadSleep", "java.lang.Thread.sleep"),
  /** {@code jdk.ThreadPark}. */
  PARK("jdk.ThreadPark", "java.util.concurrent.locks.LockSupport.park"),
  /** {@code jdk.JavaMonitorEnter}: blocked entering a contended monitor. */
  MONITOR_ENTER("jdk.JavaMonitorEnter", "monitor enter"),
  /** {@code jdk.JavaMonitorWait}: in {@code Object.wait}. */
  MONITOR_WAIT("jdk.JavaMonitorWait", "java.lang.Object.wait");

  private final String event;
  private final String waitsIn;

  WaitKind(String event, String waitsIn) {
    this.event = event;
    this.waitsIn = waitsIn;
  }

  /**
   * What the thread waits in, as the report names it: the JDK method (the top frames JFR records
   * for a wait differ between versions: JDK 17 shows {@code Thread.sleep}, JDK 25 the caller).
   */
  public String waitsIn() {
    return waitsIn;
  }

  /** The JFR event's name. */
  public String event() {
    return event;
  }
}
