package org.congressvote.api.error;

/** Codes of the domain rules a request can break; they travel to clients in problem responses. */
public enum ErrorCode {
    CONGRESS_ALREADY_EXISTS,
    CONGRESS_NOT_FOUND,
    DELEGATE_ALREADY_REGISTERED,
    DELEGATE_NOT_REGISTERED,
    DELEGATE_ALREADY_PRESENT,
    DELEGATE_NOT_PRESENT,
    MOTION_ALREADY_EXISTS,
    MOTION_NOT_FOUND,
    MOTION_NOT_OPEN,
    MOTION_ALREADY_OPEN,
    MOTION_ALREADY_CLOSED,
    ALREADY_VOTED,
    INVALID_REQUEST
}
