package dev.spillway.samples.survival;

import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link Downstream} that checks per-key order as events are handled: each event's payload is the
 * load driver's sequence number (see {@link Survival#track}), and for one key the numbers must
 * arrive in increasing order. The driver sends from one thread, in sequence order, so any event
 * handled after a later one of its key was overtaken inside the design. Thread-safe: the check per
 * key is atomic, so two consumers handling one key at once are caught too.
 */
final class KeyOrder implements Downstream {

  private final Downstream inner;
  private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
  private final LongAdder handled = new LongAdder();
  private final LongAdder overtaken = new LongAdder();
  private volatile String firstOvertaken = "";

  KeyOrder(Downstream inner) {
    this.inner = inner;
  }

  @Override
  public void handle(Event event) throws Exception {
    long sequence = Long.parseLong(event.payload());
    lastSeen.compute(
        event.key(),
        (key, last) -> {
          if (last != null && last >= sequence) {
            overtaken.increment();
            if (firstOvertaken.isEmpty()) {
              firstOvertaken = "key " + key + ": message " + sequence + " after " + last;
            }
            return last;
          }
          return sequence;
        });
    handled.increment();
    inner.handle(event);
  }

  /** Events handled so far. */
  long handled() {
    return handled.sum();
  }

  /** Events handled after a later event of their key. */
  long overtaken() {
    return overtaken.sum();
  }

  /** How many keys were seen. */
  int keys() {
    return lastSeen.size();
  }

  /** The first event out of order, or "" when none was. */
  String firstOvertaken() {
    return firstOvertaken;
  }
}
