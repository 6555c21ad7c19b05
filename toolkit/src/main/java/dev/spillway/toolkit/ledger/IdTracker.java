package dev.spillway.toolkit.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The strict ledger's memory of every message id: sent, then one outcome. Keeps one map entry per
 * id (about 80 bytes), and the first {@link #MAX_ANOMALIES} anomalies. Thread-safe.
 */
final class IdTracker {

  static final int MAX_ANOMALIES = 100;
  static final int MAX_NAMED_OUTSTANDING = 20;

  private static final Object SENT = new Object();

  private final Map<Long, Object> states = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<LedgerAnomaly> anomalies = new ConcurrentLinkedQueue<>();
  private final AtomicLong anomalyCount = new AtomicLong();

  void sent(long id) {
    Object before = states.putIfAbsent(id, SENT);
    if (before != null) {
      String detail = before == SENT ? "" : "after " + before;
      anomaly(new LedgerAnomaly(id, LedgerAnomaly.Kind.SENT_TWICE, detail));
    }
  }

  void outcome(long id, FinalOutcome outcome) {
    while (true) {
      Object before = states.putIfAbsent(id, outcome);
      if (before == null) {
        anomaly(new LedgerAnomaly(id, LedgerAnomaly.Kind.NEVER_SENT, outcome.name()));
        return;
      }
      if (before == SENT) {
        if (states.replace(id, SENT, outcome)) {
          return;
        }
        continue; // another outcome raced us; look again
      }
      anomaly(
          new LedgerAnomaly(id, LedgerAnomaly.Kind.ACCOUNTED_TWICE, before + " then " + outcome));
      return;
    }
  }

  long anomalyCount() {
    return anomalyCount.get();
  }

  List<LedgerAnomaly> anomalies() {
    return List.copyOf(anomalies);
  }

  /** The smallest ids sent and not yet accounted, at most {@link #MAX_NAMED_OUTSTANDING}. */
  List<Long> outstandingIds() {
    List<Long> ids = new ArrayList<>();
    states.forEach(
        (id, state) -> {
          if (state == SENT) {
            ids.add(id);
          }
        });
    ids.sort(null);
    return List.copyOf(ids.subList(0, Math.min(ids.size(), MAX_NAMED_OUTSTANDING)));
  }

  private void anomaly(LedgerAnomaly a) {
    if (anomalyCount.getAndIncrement() < MAX_ANOMALIES) {
      anomalies.add(a);
    }
  }
}
