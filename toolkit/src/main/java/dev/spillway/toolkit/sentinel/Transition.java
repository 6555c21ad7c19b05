package dev.spillway.toolkit.sentinel;

/**
 * One change of a sentinel's state, numbered from 1 in the order the changes happened.
 *
 * @param number 1, 2, 3, ...: odd numbers are breaches, even numbers fall-backs
 * @param breach whether the depth reached the enable threshold (else it fell to the disable one)
 * @param depth the depth seen
 * @param nanoTime when it was seen
 * @param rearmed for a fall-back, whether the sentinel re-armed (false when one-shot)
 */
record Transition(long number, boolean breach, long depth, long nanoTime, boolean rearmed) {

  /** The excursion this transition starts or ends, counting from 1. */
  long excursion() {
    return (number + 1) / 2;
  }
}
