package dev.spillway.samples;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import org.apiguardian.api.API;

/**
 * What closing a design did: whether its queues drained in time, how many queued messages were
 * counted as dropped instead, and the final books.
 *
 * @param drained whether every queued message was handled before the drain timeout
 * @param dropped messages still queued (or being handled) at the timeout, counted as dropped
 * @param books the ledger after closing; it balances, except for the messages held by consumers
 *     that ignored their interrupt and were left running (each is counted when its handler returns;
 *     see {@link EventTracker#CONSUMER_STOP_TIMEOUT})
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CloseSummary(boolean drained, long dropped, LedgerSnapshot books) {}
