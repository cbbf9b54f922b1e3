package dev.tandem.it.describe;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Makes DescribeProcessor write a {@code <Type>Description} with the fields it can see. */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Describe {}
