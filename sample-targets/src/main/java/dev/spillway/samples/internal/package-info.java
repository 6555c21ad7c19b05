/**
 * The designs' implementation. <strong>Not API:</strong> use {@link dev.spillway.samples.Designs}
 * and {@link dev.spillway.samples.EventTracker}; anything here may change in any release.
 */
package dev.spillway.samples.internal;
