package org.s2svpn.framework.db;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The table a VO maps to, so that a uuid parameter naming that entity can be resolved to its id. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Table {
    String value();

    /** The table soft-deletes with a {@code removed} column: removed rows do not resolve. */
    boolean softDelete() default true;
}
