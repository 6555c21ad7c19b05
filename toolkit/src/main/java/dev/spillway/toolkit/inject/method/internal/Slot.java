package dev.spillway.toolkit.inject.method.internal;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/** Marks the advice's parameter that Byte Buddy binds to the injection's slot, as a constant. */
@API(status = INTERNAL, since = "0.1")
@Retention(RUNTIME)
@Target(PARAMETER)
public @interface Slot {}
