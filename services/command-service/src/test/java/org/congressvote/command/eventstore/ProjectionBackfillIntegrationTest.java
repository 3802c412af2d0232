package org.congressvote.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.congressvote.command.RealServersTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A database upgraded from before V13 keeps its history: events stored before the projections existed are projected
 * once, at start-up, by the application's own decoding, exactly as the handlers project new events.
 */
class ProjectionBackfillIntegrationTest extends RealServersTest {

    @Autowired
    private ProjectionBackfill backfill;

    @Autowired
    private StoredEvents storedEvents;

    @Test
    void eventsStoredBeforeTheProjectionsExistedAreProjectedOnceAsTheHandlersWouldHave() throws Exception {
        String congress = "upgrade-" + UUID.randomUUID().toString().substring(0, 8);
        String motion = congress + "-m";
        api().convene(congress, 3);
        api().post("/api/congresses/" + congress + "/motions", "{\"motionId\":\"" + motion + "\",\"title\":\"Cũ\"}");
        api().post("/api/motions/" + motion + "/open", "");
        for (String[] v : new String[][] {{"D002", "DISAGREE"}, {"D001", "AGREE"}}) {
            assertThat(api().asDelegate(
                                    congress,
                                    v[0],
                                    "/api/motions/" + motion + "/votes",
                                    "{\"choice\":\"" + v[1] + "\"}")
                            .statusCode())
                    .isEqualTo(201);
        }
        JsonNode namedBefore = api().get("/api/motions/" + motion + "/votes");
        List<Map<String, Object>> votesBefore = votes(motion);
        List<Map<String, Object>> indexBefore = index(congress);
        assertThat(votesBefore).hasSize(2);
        assertThat(indexBefore).hasSizeGreaterThan(10);

        // the close's short way to a payload (no upcaster registered) gives what the event store's decoding gives
        List<Object[]> decoded = jdbc.query(
                "SELECT " + StoredEvents.COLUMNS + " FROM domainevententry WHERE aggregateidentifier = ?",
                (rs, n) -> new Object[] {
                    storedEvents.payload(rs), storedEvents.decode(rs).getPayload()
                },
                "vote:" + motion + ":D001");
        assertThat(decoded).hasSize(1);
        assertThat(decoded.get(0)[0])
                .isEqualTo(decoded.get(0)[1])
                .isEqualTo(new org.congressvote.api.vote.VoteCastEvent(
                        "vote:" + motion + ":D001",
                        motion,
                        congress,
                        "D001",
                        org.congressvote.api.vote.VoteChoice.AGREE,
                        ((org.congressvote.api.vote.VoteCastEvent) decoded.get(0)[1]).requestId()));

        // as a database migrated to V13 finds itself: the tables empty for this history, the marker up to its end
        jdbc.update("DELETE FROM vote_record WHERE motion_id = ?", motion);
        jdbc.update("DELETE FROM audit_index WHERE congress_id = ?", congress);
        jdbc.update("INSERT INTO projection_backfill (name, after_index, up_to_index) "
                + "SELECT 'V13', 0, max(globalindex) FROM domainevententry");
        assertThat(api().get("/api/motions/" + motion + "/votes").get("votes")).isEmpty();

        backfill.afterSingletonsInstantiated();

        assertThat(votes(motion)).isEqualTo(votesBefore);
        assertThat(index(congress)).isEqualTo(indexBefore);
        assertThat(api().get("/api/motions/" + motion + "/votes")).isEqualTo(namedBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection_backfill", Long.class))
                .isZero();
        // once: a second start finds nothing to do and changes nothing
        backfill.afterSingletonsInstantiated();
        assertThat(votes(motion)).isEqualTo(votesBefore);
    }

    private List<Map<String, Object>> votes(String motion) {
        return jdbc.queryForList("SELECT * FROM vote_record WHERE motion_id = ? ORDER BY global_index", motion);
    }

    private List<Map<String, Object>> index(String congress) {
        return jdbc.queryForList("SELECT * FROM audit_index WHERE congress_id = ? ORDER BY global_index", congress);
    }
}
