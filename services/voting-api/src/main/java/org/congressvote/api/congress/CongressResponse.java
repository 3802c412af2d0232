package org.congressvote.api.congress;

/**
 * A congress at a glance: where it stands, the organisations and members it represents, its roster by kind and
 * credentials, and the attendance and quorum as the domain counts them (delegates summoned less the legal exclusions).
 */
public record CongressResponse(
        String congressId,
        String name,
        CongressStatus status,
        Fraction quorum,
        int organisations,
        long members,
        long officials,
        long alternates,
        long alternatesSeated,
        long declaredAbsent,
        long credentialsAccepted,
        long credentialsRejected,
        long credentialsPending,
        AttendanceResponse attendance) {}
