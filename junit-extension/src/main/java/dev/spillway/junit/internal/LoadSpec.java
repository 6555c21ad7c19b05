package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.load.LoadProfile;
import org.apiguardian.api.API;

/**
 * A validated load annotation.
 *
 * @param profile the profile it stands for
 * @param source the annotation it came from, for messages, e.g. {@code @ConstantLoad(rate = 200,
 *     duration = "1s")}
 */
@API(status = INTERNAL, since = "0.1")
public record LoadSpec(LoadProfile profile, String source) {}
