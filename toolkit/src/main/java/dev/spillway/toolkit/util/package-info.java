/**
 * What Spillway's own modules share below their APIs: the argument checks every factory runs.
 * <strong>Not for users:</strong> its types are marked {@code @API(status = INTERNAL)}; they may
 * change or disappear in any release. It is public only because the extension and the sample
 * targets validate their input with the same checks and the same messages as the toolkit.
 */
package dev.spillway.toolkit.util;
