package dev.spillway.samples;

import dev.spillway.toolkit.ledger.LedgerSnapshot;

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
public record CloseSummary(boolean drained, long dropped, LedgerSnapshot books) {}
