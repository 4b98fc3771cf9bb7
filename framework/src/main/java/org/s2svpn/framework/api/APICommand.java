package org.s2svpn.framework.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks an API command class. Its annotations drive dispatch, parameter validation and listApis. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface APICommand {
    String name();

    String description();

    /** The response record; listApis lists its fields. */
    Class<?> responseObject();

    String since() default "";

    /** Roles that may call it; empty means every role. */
    RoleType[] authorized() default {};

    /** Related commands, comma-separated, as listApis shows them. */
    String related() default "";

    /** The request carries a secret: its values are never logged (besides the fixed sensitive names). */
    boolean requestHasSensitiveInfo() default false;

    boolean responseHasSensitiveInfo() default false;
}
