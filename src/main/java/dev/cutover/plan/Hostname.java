package dev.cutover.plan;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A fully qualified DNS name without scheme, path or trailing dot: {@code www.clearmyrecord.org}. */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}",
        message = "must be a lower-case host name like www.example.org (no scheme, path or trailing dot)")
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Hostname {
    String message() default "must be a lower-case host name like www.example.org (no scheme, path or trailing dot)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
