/**
 * Capacity: the highest arrival rate a component sustains — its queue not growing, its latency
 * bound held, nothing lost, no push-back — found by short trials at chosen rates, each judged by
 * Spillway's verdict rules.
 *
 * <ul>
 *   <li>{@link dev.spillway.toolkit.capacity.CapacityTrial}: one rate offered for a while, and what
 *       the component did with it;
 *   <li>{@link dev.spillway.toolkit.capacity.CapacityResult}: the trials of one search, the knee
 *       (the highest sustained rate) with its uncertainty, and μ measured at saturation;
 *   <li>{@link dev.spillway.toolkit.capacity.CapacitySearch}: chooses the rates ({@link
 *       dev.spillway.toolkit.capacity.SearchMode}: bisect or step), states its time budget before
 *       it runs, and narrows the knee to the resolution;
 *   <li>{@link dev.spillway.toolkit.capacity.TrialRunner}: runs and judges one trial ({@link
 *       dev.spillway.toolkit.capacity.TrialPlan}); {@link
 *       dev.spillway.toolkit.capacity.TargetTrials} does it against an in-process component with
 *       the toolkit's load driver, recorder, ledger and verdicts;
 *   <li>{@link dev.spillway.toolkit.capacity.TrialStop}: when a running trial stops at a clear
 *       breach ({@link dev.spillway.toolkit.capacity.TrialProgress} is what it sees).
 * </ul>
 */
package dev.spillway.toolkit.capacity;
