package dev.tandem.replay.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Makes {@link StrayProcessor} write a file with no originating element, breaking the isolating contract. */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Stray {}
