package org.congressvote.api.motion;

/** Procedural motions (presidium, secretariat, agenda, working rules, committees) and resolutions (nghi quyet). */
public enum MotionKind {
    PROCEDURAL,
    RESOLUTION
}
