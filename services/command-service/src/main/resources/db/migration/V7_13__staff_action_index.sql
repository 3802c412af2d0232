-- The delegate's phone reads, every few seconds, the staff actions that concern them (card re-issue, check-out,
-- absence, credentials rejection, alternate seated) from the congress's own events. A partial index holds only those
-- rows, so the read does not walk the whole roster's events, and votes (never in it) cost nothing more to insert.
-- Numbered 7.13 (issue 13) so that it does not collide with a V7 of another branch.
CREATE INDEX domainevententry_staff_action ON domainevententry (aggregateidentifier, sequencenumber)
    WHERE payloadtype IN ('org.congressvote.api.congress.CardReissuedEvent',
                          'org.congressvote.api.congress.DelegateCheckedOutEvent',
                          'org.congressvote.api.congress.DelegateDeclaredAbsentEvent',
                          'org.congressvote.api.congress.CredentialsRejectedEvent',
                          'org.congressvote.api.congress.AlternateSeatedEvent');
