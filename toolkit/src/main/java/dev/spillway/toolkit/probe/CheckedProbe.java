package dev.spillway.toolkit.probe;

import java.util.function.LongSupplier;

/**
 * A probe over a local depth source that keeps the {@link QueueProbe} contract: it returns a depth
 * &gt;= 0 or throws a {@link ProbeException} naming the probe and what it reads.
 */
final class CheckedProbe implements QueueProbe {

  private final String name;
  private final String source;
  private final LongSupplier depth;

  /**
   * @param name the probe's name, already validated
   * @param source what the probe reads, for messages and {@link #toString()}
   * @param depth the raw depth source
   */
  CheckedProbe(String name, String source, LongSupplier depth) {
    this.name = name;
    this.source = source;
    this.depth = depth;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long depth() {
    long value;
    try {
      value = depth.getAsLong();
    } catch (ProbeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ProbeException(prefix() + "failed: " + e, e);
    }
    if (value < 0) {
      throw new ProbeException(
          prefix() + "returned " + value + "; a depth is a count of messages >= 0");
    }
    return value;
  }

  private String prefix() {
    return "probe '" + name + "' (" + source + ") ";
  }

  @Override
  public String toString() {
    return "QueueProbe[name=" + name + ", source=" + source + "]";
  }
}
