package org.congressvote.query.web;

/** The read model could not answer in time (MongoDB unreachable, overloaded): the client should retry shortly. */
public class ReadModelUnavailable extends RuntimeException {

    public ReadModelUnavailable(Throwable cause) {
        super("the read model did not answer", cause);
    }
}
