package org.congressvote.query.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;

/** Waits for query results on behalf of the web layer and turns failures into answers a client can act on. */
public final class Queries {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_ID_LENGTH = 200;

    private Queries() {}

    /** The query's result; a failing or slow read model becomes {@link ReadModelUnavailable} (503). */
    public static <T> T await(CompletableFuture<T> result) {
        try {
            return result.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadModelUnavailable(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ReadModelUnavailable(e);
        }
    }

    /** Refuses ids no client could have been given (400) before they reach the read model. */
    public static String checkedId(String id, String what) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new DomainRuleViolation(
                    ErrorCode.INVALID_REQUEST,
                    "The " + what + " id must be between 1 and " + MAX_ID_LENGTH + " characters long.");
        }
        return id;
    }

    public static DomainRuleViolation congressNotFound(String congressId) {
        return new DomainRuleViolation(
                ErrorCode.CONGRESS_NOT_FOUND,
                "No congress with id '" + congressId
                        + "' is known. Check the id; a congress created a moment ago may take a second to appear.");
    }

    public static DomainRuleViolation motionNotFound(String motionId) {
        return new DomainRuleViolation(
                ErrorCode.MOTION_NOT_FOUND,
                "No motion with id '" + motionId
                        + "' is known. Check the id; a motion created a moment ago may take a second to appear.");
    }

    public static ViewProblem electionNotFound(String electionId) {
        return new ViewProblem(
                ErrorCode.ELECTION_NOT_FOUND,
                "No election with id '" + electionId
                        + "' is known. Check the id; an election created a moment ago may take a second to appear.");
    }

    public static ViewProblem roundNotFound(String what) {
        return new ViewProblem(
                ErrorCode.ROUND_NOT_FOUND,
                "No election round " + what + " is known. Check the election and the round number.");
    }
}
