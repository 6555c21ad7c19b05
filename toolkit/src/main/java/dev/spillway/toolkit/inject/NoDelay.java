package dev.spillway.toolkit.inject;

import java.util.random.RandomGenerator;

/** The model of no delay; get it from {@link Delay#none()}. Immutable and thread-safe. */
public record NoDelay() implements Delay {

  static final NoDelay INSTANCE = new NoDelay();

  /** Always 0; draws nothing from {@code random}. */
  @Override
  public long nextNanos(RandomGenerator random) {
    return 0;
  }

  /** 0. */
  @Override
  public double meanNanos() {
    return 0;
  }
}
