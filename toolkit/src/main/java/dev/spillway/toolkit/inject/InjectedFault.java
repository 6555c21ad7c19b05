package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Thrown by an {@link Injection} instead of making a call, on purpose: a chaos fault, not a bug.
 * The message says so and names the injection and the fault probability, so that a failed message
 * in a ledger or a log is never mistaken for a real failure.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class InjectedFault extends RuntimeException {

  private final String injectionName;
  private final double probability;

  /**
   * A fault injected by the injection named {@code injectionName}.
   *
   * @param injectionName the injection's name
   * @param probability the probability with which the injection throws faults
   */
  public InjectedFault(String injectionName, double probability) {
    super(
        "Injected fault from injection '"
            + injectionName
            + "' (probability "
            + probability
            + "): thrown on purpose by Spillway, not a real failure");
    this.injectionName = injectionName;
    this.probability = probability;
  }

  /** The name of the injection that threw it. */
  public String injectionName() {
    return injectionName;
  }

  /** The probability with which that injection throws faults. */
  public double probability() {
    return probability;
  }
}
