/**
 * Load generation for Spillway: open-model {@link dev.spillway.toolkit.load.LoadProfile}s
 * (constant, ramp, spike, burst, pause), {@link dev.spillway.toolkit.load.KeyDistribution}s
 * (uniform, Zipf, hot key) and the {@link dev.spillway.toolkit.load.LoadDriver}, which sends every
 * message at its intended time and reports achieved rate, lateness, latency and back-pressure in a
 * {@link dev.spillway.toolkit.load.LoadReport}.
 *
 * <pre>{@code
 * LoadProfile spike = LoadProfile.builder()
 *     .spikeFrom(100).to(250).perSecond().at(ofSeconds(1)).holdingFor(ofSeconds(4)).during(ofSeconds(8))
 *     .build();
 * LoadReport report = LoadDriver.drive(spike)
 *     .keys(KeyDistribution.hotKey(16, 0.8), 42)
 *     .sendTo(Sender.offering(mailbox::offer))
 *     .run();
 * System.out.println(report.summary());
 * }</pre>
 */
package dev.spillway.toolkit.load;
