/**
 * The sample-target server in a container: {@link dev.spillway.samples.container.SampleTargetImage}
 * builds a small image of the server with the extension's {@link
 * dev.spillway.junit.container.JavaServiceImage} (no registry needed), {@link
 * dev.spillway.samples.container.SampleTargetContainer} runs it and reads its metrics, and {@link
 * dev.spillway.samples.container.HttpEventSender} lets the toolkit's load driver flood it over
 * HTTP. The chaos done to it ({@link dev.spillway.junit.container.ContainerChaos}) and the rule
 * that container tests skip without Docker but fail when {@code CI=true} ({@link
 * dev.spillway.junit.container.RequiresDocker}) come from the extension's {@code
 * dev.spillway.junit.container} package; {@link
 * dev.spillway.samples.container.RequiresSampleTargetImage} adds the image as a test parameter.
 */
package dev.spillway.samples.container;
