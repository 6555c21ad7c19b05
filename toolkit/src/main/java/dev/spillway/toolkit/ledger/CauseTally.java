package dev.spillway.toolkit.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts failures or rejections by cause, keeping the first few distinct messages of each. At most
 * {@value #MAX_CAUSES} causes are kept apart; later ones are filed under {@link
 * CauseCount#OTHER_CAUSES}. Thread-safe; counting a known cause takes no lock.
 */
final class CauseTally {

  static final int MAX_CAUSES = 32;

  private final Map<String, Entry> causes = new ConcurrentHashMap<>();

  /** One message had {@code cause}, with the exception message {@code detail} (or null). */
  void add(String cause, String detail) {
    Entry entry = causes.get(cause);
    if (entry == null) {
      String key = causes.size() >= MAX_CAUSES ? CauseCount.OTHER_CAUSES : cause;
      entry = causes.computeIfAbsent(key, k -> new Entry());
      if (!key.equals(cause)) {
        detail = detail == null ? cause : cause + ": " + detail;
      }
    }
    entry.count.increment();
    if (detail != null && entry.room) {
      entry.example(detail);
    }
  }

  /** The causes so far, the most frequent first (then by name). */
  List<CauseCount> counts() {
    List<CauseCount> out = new ArrayList<>();
    causes.forEach(
        (cause, entry) -> {
          long n = entry.count.sum();
          if (n > 0) {
            out.add(new CauseCount(cause, n, entry.examples()));
          }
        });
    out.sort(
        Comparator.comparingLong(CauseCount::count).reversed().thenComparing(CauseCount::cause));
    return out;
  }

  private static final class Entry {
    final LongAdder count = new LongAdder();
    final List<String> examples = new ArrayList<>(CauseCount.MAX_EXAMPLES);
    volatile boolean room = true;

    synchronized void example(String detail) {
      String cut =
          detail.length() <= CauseCount.MAX_EXAMPLE_LENGTH
              ? detail
              : detail.substring(0, CauseCount.MAX_EXAMPLE_LENGTH - 1) + "…";
      if (examples.size() < CauseCount.MAX_EXAMPLES && !examples.contains(cut)) {
        examples.add(cut);
      }
      room = examples.size() < CauseCount.MAX_EXAMPLES;
    }

    synchronized List<String> examples() {
      return List.copyOf(examples);
    }
  }
}
