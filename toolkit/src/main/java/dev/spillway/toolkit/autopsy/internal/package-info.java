/**
 * The implementation of the autopsy: the JFR stream, the events it keeps and the arithmetic of the
 * report. Not API: only {@link dev.spillway.toolkit.autopsy} uses it, and it may change at any
 * time. The only classes that touch {@code jdk.jfr} are here, loaded only once the JVM is known to
 * have it.
 */
package dev.spillway.toolkit.autopsy.internal;
