/**
 * The sample targets: four classic designs of a message consumer, each the Java form of a pattern
 * from the Erlang/Elixir field, behind one client API ({@link dev.spillway.samples.EventTracker}).
 *
 * <ul>
 *   <li>{@link dev.spillway.samples.Designs#singleton singleton}: one consumer thread, unbounded
 *       queue, fire-and-forget (a GenServer fed by {@code cast});
 *   <li>{@link dev.spillway.samples.Designs#partitioned partitioned}: N consumers, a stable key to
 *       partition mapping, per-key order ({@code PartitionSupervisor});
 *   <li>{@link dev.spillway.samples.Designs#bounded bounded}: a bounded mailbox that rejects at
 *       once when full ({@code {:error, :overloaded}});
 *   <li>{@link dev.spillway.samples.Designs#sentinelWatched sentinel-watched}: an unbounded queue
 *       watched by a {@link dev.spillway.toolkit.sentinel.Sentinel} that sheds, restarts the
 *       consumer or alerts.
 * </ul>
 *
 * Every design accounts for every message in a {@link dev.spillway.toolkit.ledger.MessageLedger}.
 */
package dev.spillway.samples;
