package dev.spillway.toolkit.load;

import dev.spillway.toolkit.record.EventSink;
import java.time.Duration;

/** Everything a run needs, validated by {@link LoadDriverBuilder} before anything starts. */
record DriverSettings(
    String name,
    LoadProfile profile,
    KeyDistribution keys,
    long seed,
    Duration grace,
    Duration lateThreshold,
    Duration spin,
    EventSink events,
    SendMode mode,
    int senderThreads,
    Sender sender,
    AsyncSender asyncSender) {}
