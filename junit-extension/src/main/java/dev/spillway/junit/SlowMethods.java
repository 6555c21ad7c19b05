package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/** The container of repeated {@link SlowMethod}s; write {@code @SlowMethod} twice instead. */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface SlowMethods {

  /** The slowed methods. */
  SlowMethod[] value();
}
