package dev.spillway.toolkit.probe;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** The sum of several probes' depths, read one after the other (not an atomic snapshot). */
final class TotalProbe implements QueueProbe {

  private final String name;
  private final QueueProbe[] parts;

  /**
   * @param name the probe's name, already validated
   * @param parts at least one probe, already validated and copied
   */
  TotalProbe(String name, QueueProbe[] parts) {
    this.name = name;
    this.parts = parts;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long depth() {
    long total = 0;
    for (QueueProbe part : parts) {
      long depth;
      try {
        depth = part.depth();
      } catch (RuntimeException e) {
        throw new ProbeException(
            "total probe '"
                + name
                + "' could not read its part '"
                + part.name()
                + "': "
                + e.getMessage(),
            e);
      }
      if (depth < 0) {
        throw new ProbeException(
            "total probe '"
                + name
                + "': part '"
                + part.name()
                + "' returned "
                + depth
                + "; a depth is a count of messages >= 0");
      }
      try {
        total = Math.addExact(total, depth);
      } catch (ArithmeticException e) {
        throw new ProbeException(
            "total probe '" + name + "': the sum of its parts exceeds " + Long.MAX_VALUE, e);
      }
    }
    return total;
  }

  /** The sum of the parts' capacities, when every part has one. */
  @Override
  public OptionalLong capacity() {
    long sum = 0;
    for (QueueProbe part : parts) {
      OptionalLong capacity = part.capacity();
      if (capacity.isEmpty()) {
        return OptionalLong.empty();
      }
      sum = Math.addExact(sum, capacity.getAsLong());
    }
    return OptionalLong.of(sum);
  }

  /** Unbounded when every part is: one bounded part may hold the growth. */
  @Override
  public boolean unbounded() {
    return Arrays.stream(parts).allMatch(QueueProbe::unbounded);
  }

  @Override
  public String toString() {
    return "QueueProbe[name="
        + name
        + ", total of "
        + Arrays.stream(parts).map(QueueProbe::name).collect(Collectors.joining(", ", "[", "]"))
        + "]";
  }
}
