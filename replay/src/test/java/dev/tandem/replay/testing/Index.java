package dev.tandem.replay.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Listed by {@link IndexProcessor}, an aggregating processor. */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Index {}
