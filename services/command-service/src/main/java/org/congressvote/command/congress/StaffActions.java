package org.congressvote.command.congress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.congressvote.api.congress.AlternateSeatedEvent;
import org.congressvote.api.congress.CardReissuedEvent;
import org.congressvote.api.congress.CredentialsRejectedEvent;
import org.congressvote.api.congress.DelegateCheckedOutEvent;
import org.congressvote.api.congress.DelegateDeclaredAbsentEvent;
import org.congressvote.command.CommandServiceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The staff actions that change who votes for a delegate (card re-issue, check-out, absence, credentials rejection,
 * an alternate seated), each with its actor, role, reason and time, read from the congress's own events in the log:
 * what the delegate's phone shows is what the legal record says, not a copy that could disagree with it.
 */
@Component
public class StaffActions {

    /** Event class by the name the phone and the console show. */
    private static final Map<String, String> KINDS = Map.of(
            CardReissuedEvent.class.getName(), "CARD_REISSUED",
            DelegateCheckedOutEvent.class.getName(), "CHECKED_OUT",
            DelegateDeclaredAbsentEvent.class.getName(), "DECLARED_ABSENT",
            CredentialsRejectedEvent.class.getName(), "CREDENTIALS_REJECTED",
            AlternateSeatedEvent.class.getName(), "ALTERNATE_SEATED");

    /**
     * The types as SQL literals, not parameters, so that PostgreSQL can prove the partial index
     * {@code domainevententry_staff_action} (V7_13) covers the query under a generic plan too.
     */
    private static final String TYPES =
            KINDS.keySet().stream().sorted().map(t -> "'" + t + "'").collect(java.util.stream.Collectors.joining(", "));

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Duration flagWindow;

    StaffActions(JdbcTemplate jdbc, ObjectMapper json, CommandServiceProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.flagWindow = properties.audit().reissueFlag();
    }

    /**
     * One staff action: {@code kind} is CARD_REISSUED, CHECKED_OUT, DECLARED_ABSENT, CREDENTIALS_REJECTED or
     * ALTERNATE_SEATED (then {@code delegateId} is the alternate, {@code replacedDelegateId} the official);
     * {@code position} the event's global index, the audit log's position.
     */
    public record Action(
            String kind,
            String delegateId,
            String replacedDelegateId,
            String at,
            String actor,
            String role,
            String reason,
            long position) {}

    /** A vote cast within the flag window after a re-issue of its delegate's card. */
    public record Flag(
            String code,
            String delegateId,
            String reissuedAt,
            String reissuedBy,
            String reason,
            long reissuePosition) {}

    /** Every staff action of the congress that concerns this delegate, oldest first. */
    public List<Action> concerning(String congressId, String delegateId) {
        return all(congressId).stream()
                .filter(a -> delegateId.equals(a.delegateId()) || delegateId.equals(a.replacedDelegateId()))
                .toList();
    }

    /** The card re-issues of a congress, oldest first. */
    public List<Action> reissues(String congressId) {
        return all(congressId).stream()
                .filter(a -> a.kind().equals("CARD_REISSUED"))
                .toList();
    }

    public Duration flagWindow() {
        return flagWindow;
    }

    /** The flag on a vote cast at {@code castAt}: the latest re-issue of its delegate's card up to the window before. */
    public Flag flag(List<Action> reissues, String delegateId, Instant castAt) {
        Flag flag = null;
        for (Action reissue : reissues) {
            Instant at = Instant.parse(reissue.at());
            if (reissue.delegateId().equals(delegateId)
                    && !at.isAfter(castAt)
                    && Duration.between(at, castAt).compareTo(flagWindow) <= 0) {
                flag = new Flag(
                        "VOTE_AFTER_CARD_REISSUE",
                        delegateId,
                        reissue.at(),
                        reissue.actor(),
                        reissue.reason(),
                        reissue.position());
            }
        }
        return flag;
    }

    private List<Action> all(String congressId) {
        List<Action> actions = new ArrayList<>();
        jdbc.query(
                "SELECT globalindex, payloadtype, timestamp, payload, metadata FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND payloadtype IN (" + TYPES + ") ORDER BY sequencenumber",
                rs -> {
                    JsonNode payload = tree(rs.getBytes("payload"));
                    JsonNode meta = tree(rs.getBytes("metadata"));
                    String kind = KINDS.get(rs.getString("payloadtype"));
                    long position = rs.getLong("globalindex");
                    boolean seated = kind.equals("ALTERNATE_SEATED");
                    actions.add(new Action(
                            kind,
                            text(payload, seated ? "alternateId" : "delegateId"),
                            seated ? text(payload, "replacedDelegateId") : null,
                            rs.getString("timestamp"),
                            text(meta, "actor"),
                            text(meta, "role"),
                            text(payload, "reason"),
                            position));
                },
                congressId);
        return actions;
    }

    private JsonNode tree(byte[] bytes) {
        try {
            return bytes == null ? json.nullNode() : json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
