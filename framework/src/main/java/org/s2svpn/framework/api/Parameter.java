package org.s2svpn.framework.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An API parameter, on a field of a command class. A {@link CommandType#UUID} parameter with an
 * {@link #entityType()} must name a live row of that entity; a {@code Long} field then receives its internal id.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Parameter {
    String name();

    CommandType type() default CommandType.STRING;

    /** Element type of a LIST parameter. */
    CommandType collectionType() default CommandType.STRING;

    boolean required() default false;

    String description() default "";

    int length() default 255;

    String since() default "";

    Class<?> entityType() default Object.class;

    /** Roles that may set it; others have it ignored, as CloudStack does. Empty means every role. */
    RoleType[] authorized() default {};

    /** Its value is a secret: masked in logs and job records. */
    boolean sensitive() default false;
}
