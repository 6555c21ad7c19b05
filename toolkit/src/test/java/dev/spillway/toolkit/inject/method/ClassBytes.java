package dev.spillway.toolkit.inject.method;

import dev.spillway.toolkit.inject.method.internal.Weaver;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bytes of a class as the JVM's retransformable transformers produce them now: retransforms the
 * class with a transformer registered last, which sees what the transformers before it made of the
 * class file. While a method injection is open that is the woven class; once every transformer of
 * ours is gone it is the original class file.
 */
final class ClassBytes {

  private ClassBytes() {}

  static byte[] of(Class<?> type) throws UnmodifiableClassException {
    Instrumentation inst = Weaver.instrumentation();
    AtomicReference<byte[]> seen = new AtomicReference<>();
    ClassFileTransformer capture =
        new ClassFileTransformer() {
          @Override
          public byte[] transform(
              ClassLoader loader,
              String name,
              Class<?> redefined,
              ProtectionDomain domain,
              byte[] bytes) {
            if (redefined == type) {
              seen.set(bytes.clone());
            }
            return null; // unchanged
          }
        };
    inst.addTransformer(capture, true);
    try {
      inst.retransformClasses(type);
    } finally {
      inst.removeTransformer(capture);
    }
    return seen.get();
  }
}
