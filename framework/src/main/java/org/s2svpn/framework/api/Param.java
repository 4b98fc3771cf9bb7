package org.s2svpn.framework.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Describes a response field for listApis. The field's name is its name on the wire. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Param {
    String description();

    String since() default "";

    /** Shown only to these roles; empty means every role. */
    RoleType[] authorized() default {};
}
