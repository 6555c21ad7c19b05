package dev.spillway.junit.internal;

import dev.spillway.toolkit.load.LoadProfile;

/**
 * A validated load annotation.
 *
 * @param profile the profile it stands for
 * @param source the annotation it came from, for messages, e.g. {@code @ConstantLoad(rate = 200,
 *     duration = "1s")}
 */
public record LoadSpec(LoadProfile profile, String source) {}
