package dev.spillway.samples.container;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves the run's {@link SampleTargetImage} for {@link RequiresSampleTargetImage}: built on
 * first use, kept in the root store, which closes it (removing the image) when the run ends.
 */
final class SampleTargetImageResolver implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SampleTargetImageResolver.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SampleTargetImage.class;
  }

  @Override
  public SampleTargetImage resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            SampleTargetImage.class, k -> SampleTargetImage.build(), SampleTargetImage.class);
  }
}
