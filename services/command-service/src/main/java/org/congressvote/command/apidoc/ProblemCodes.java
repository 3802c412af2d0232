package org.congressvote.command.apidoc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.congressvote.api.error.ErrorCode;

/**
 * The refusals an endpoint can answer beyond those every endpoint can ({@link ProblemResponses}), so that the API
 * description lists them with their statuses.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProblemCodes {

    ErrorCode[] value() default {};

    /** False for the sign-in endpoints, which answer without a session and so never with 401/403 for the lack of one. */
    boolean signedIn() default true;
}
