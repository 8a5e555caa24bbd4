package dev.cutover.plan;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An AWS ARN: {@code arn:aws:kms:us-east-1:123456789012:key/…}. Empty is allowed (optional values). */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "(arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\\d{12})?:\\S+)?",
        message = "must be an ARN like arn:aws:kms:us-east-1:123456789012:key/1234abcd-…")
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Arn {
    String message() default "must be an ARN like arn:aws:kms:us-east-1:123456789012:key/1234abcd-…";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
