package dev.tandem.replay.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Makes {@link DeferringProcessor} write a {@code <Type>Fields} once {@link LateProcessor} has been initialised. */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Deferred {}
