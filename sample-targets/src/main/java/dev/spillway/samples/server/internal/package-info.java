/**
 * The sample server's HTTP/1.1 front: a non-blocking reactor that owns every connection, reads and
 * validates each request in full before a handler sees it, and enforces the limits of {@link
 * dev.spillway.samples.server.HttpLimits}. <strong>Not API:</strong> use {@link
 * dev.spillway.samples.server.SampleTargetServer}; anything here may change in any release.
 */
package dev.spillway.samples.server.internal;
