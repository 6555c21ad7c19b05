/**
 * How method injection works underneath: the target's resolution, the Byte Buddy agent and advice,
 * and the dispatch from woven code to a live injection. <strong>Not API:</strong> its types are
 * marked {@code @API(status = INTERNAL)}; they are public only because woven code in the target's
 * class calls {@link dev.spillway.toolkit.inject.method.internal.MethodDispatch} and the API
 * package uses the others. They may change or disappear in any release.
 */
package dev.spillway.toolkit.inject.method.internal;
