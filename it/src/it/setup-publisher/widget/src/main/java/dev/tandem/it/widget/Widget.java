package dev.tandem.it.widget;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a type that widget-processor generates a widget for. */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Widget {}
