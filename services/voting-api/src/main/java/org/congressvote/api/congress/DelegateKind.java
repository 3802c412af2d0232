package org.congressvote.api.congress;

/** An official delegate holds a seat; an alternate votes only once seated in place of an official who cannot come. */
public enum DelegateKind {
    OFFICIAL,
    ALTERNATE
}
