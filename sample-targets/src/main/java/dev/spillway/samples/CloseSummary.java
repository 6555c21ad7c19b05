package dev.spillway.samples;

import dev.spillway.toolkit.ledger.LedgerSnapshot;

/**
 * What closing a design did: whether its queues drained in time, how many queued messages were
 * counted as dropped instead, and the final books.
 *
 * @param drained whether every queued message was handled before the drain timeout
 * @param dropped messages still queued (or being handled) at the timeout, counted as dropped
 * @param books the ledger after closing; it balances
 */
public record CloseSummary(boolean drained, long dropped, LedgerSnapshot books) {}
