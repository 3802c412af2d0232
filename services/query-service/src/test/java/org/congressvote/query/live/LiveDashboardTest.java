package org.congressvote.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.CongressResponse;
import org.congressvote.api.congress.CongressStatus;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.congressvote.api.congress.FetchCongressQuery;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.election.ElectionResponse;
import org.congressvote.api.election.FetchElectionQuery;
import org.congressvote.api.election.FetchElectionsQuery;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.api.motion.FetchMotionTalliesQuery;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.api.motion.MotionKind;
import org.congressvote.api.motion.MotionStatus;
import org.congressvote.api.motion.MotionTallyResponse;
import org.congressvote.query.QueryServiceProperties;
import org.congressvote.query.web.ViewProblem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveDashboardTest {

    private final List<Object> queriesAsked = new CopyOnWriteArrayList<>();
    private LiveDashboard dashboard;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        QueryGateway queries = mock(QueryGateway.class);
        when(queries.query(any(), any(ResponseType.class))).thenAnswer(call -> {
            Object query = call.getArgument(0);
            queriesAsked.add(query);
            return CompletableFuture.completedFuture(answer(query));
        });
        dashboard = new LiveDashboard(
                queries,
                JsonMapper.builder().findAndAddModules().build(),
                new QueryServiceProperties(
                        null,
                        null,
                        new QueryServiceProperties.Live(
                                Duration.ofMillis(50),
                                Duration.ofSeconds(15),
                                Duration.ofMinutes(1),
                                10,
                                10,
                                Duration.ofSeconds(10),
                                -1,
                                "127.0.0.1",
                                1,
                                org.springframework.util.unit.DataSize.ofKilobytes(64),
                                false,
                                "",
                                2),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    private static Object answer(Object query) {
        if (query instanceof FetchAttendanceQuery q) {
            return Optional.of(attendance(q.congressId()));
        }
        if (query instanceof FetchCongressQuery q) {
            return Optional.of(new CongressResponse(
                    q.congressId(),
                    "Congress",
                    CongressStatus.IN_SESSION,
                    Fraction.TWO_THIRDS,
                    1,
                    10,
                    3,
                    0,
                    0,
                    0,
                    3,
                    0,
                    0,
                    attendance(q.congressId())));
        }
        if (query instanceof FetchTallyQuery q) {
            return Optional.of(tally(q.motionId()));
        }
        if (query instanceof FetchMotionTalliesQuery) {
            return List.of(tally("m1"), tally("m2"));
        }
        if (query instanceof FetchElectionQuery q) {
            return Optional.of(election(q.electionId()));
        }
        if (query instanceof FetchElectionsQuery) {
            return List.of(election("e1"));
        }
        throw new AssertionError("unexpected query " + query);
    }

    @Test
    void aNewStreamGetsTheCongressEveryMotionsTallyAndEveryElection() {
        open("c1");

        dashboard.publishChanges();

        assertThat(queriesAsked)
                .containsExactly(
                        new FetchAttendanceQuery("c1"),
                        new FetchCongressQuery("c1"),
                        new FetchMotionTalliesQuery("c1"),
                        new FetchElectionsQuery("c1"));
    }

    @Test
    void viewersArrivingTogetherShareOneReadOfTheSnapshotAndTheSameBytes() {
        List<List<String>> received = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<String> events = new ArrayList<>();
            received.add(events);
            dashboard.seat("192.0.2." + i);
            dashboard.open("c1", "192.0.2." + i, new LiveStream.Sink() {
                @Override
                public boolean send(LiveEvent event) {
                    events.add(event.frame().toString(java.nio.charset.StandardCharsets.UTF_8));
                    return true;
                }

                @Override
                public void end() {}
            });
        }

        dashboard.publishChanges();

        assertThat(queriesAsked)
                .containsExactly(
                        new FetchAttendanceQuery("c1"),
                        new FetchCongressQuery("c1"),
                        new FetchMotionTalliesQuery("c1"),
                        new FetchElectionsQuery("c1"));
        assertThat(received.get(0)).hasSize(5);
        assertThat(received.get(0).get(0))
                .startsWith("event:attendance\ndata:{")
                .endsWith("}\n\n");
        assertThat(received).allSatisfy(events -> assertThat(events).isEqualTo(received.get(0)));
    }

    @Test
    void aViewerThatCannotTakeMoreIsDroppedAndGivesBackItsSeat() {
        dashboard.seat("192.0.2.1");
        List<Boolean> ended = new ArrayList<>();
        dashboard.open("c1", "192.0.2.1", new LiveStream.Sink() {
            @Override
            public boolean send(LiveEvent event) {
                return false;
            }

            @Override
            public void end() {
                ended.add(true);
            }
        });

        dashboard.publishChanges();

        assertThat(dashboard.openStreams()).isZero();
        assertThat(ended).containsExactly(true);
        for (int i = 0; i < 10; i++) {
            dashboard.seat("192.0.2.1"); // all ten seats free again: an eleventh would be refused
        }
    }

    @Test
    void theWebPortHasItsOwnCapWhileTheLivePortStillAdmits() {
        dashboard.seat("192.0.2.1", true);
        dashboard.seat("192.0.2.2", true);
        assertThatThrownBy(() -> dashboard.seat("192.0.2.3", true))
                .isInstanceOfSatisfying(
                        ViewProblem.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIVE_VIEWERS_FULL));
        dashboard.seat("192.0.2.3"); // the live port's viewers count only against the total
        dashboard.release("192.0.2.1", true);
        dashboard.seat("192.0.2.4", true);
    }

    @Test
    void manyChangesOfOneViewWithinAnIntervalAreReadOnce() {
        open("c1");
        open("c1");
        dashboard.publishChanges();
        queriesAsked.clear();

        for (int i = 0; i < 2_000; i++) {
            dashboard.tallyChanged("c1", "m1");
            dashboard.attendanceChanged("c1");
            dashboard.electionChanged("c1", "e1");
        }
        dashboard.tallyChanged("c1", "m2");
        dashboard.publishChanges();

        assertThat(queriesAsked)
                .containsExactlyInAnyOrder(
                        new FetchAttendanceQuery("c1"),
                        new FetchCongressQuery("c1"),
                        new FetchTallyQuery("m1"),
                        new FetchTallyQuery("m2"),
                        new FetchElectionQuery("e1"));
        queriesAsked.clear();
        dashboard.publishChanges();
        assertThat(queriesAsked).isEmpty();
    }

    @Test
    void changesOfCongressesNobodyWatchesCostNoReads() {
        open("c1");
        dashboard.publishChanges();
        queriesAsked.clear();

        dashboard.tallyChanged("c2", "m9");
        dashboard.attendanceChanged("c2");
        dashboard.electionChanged("c2", "e9");
        dashboard.publishChanges();

        assertThat(queriesAsked).isEmpty();
        assertThat(dashboard.openStreams()).isEqualTo(1);
    }

    private void open(String congressId) {
        dashboard.seat("192.0.2.1");
        dashboard.open(congressId, "192.0.2.1");
    }

    private static AttendanceResponse attendance(String congressId) {
        return new AttendanceResponse(congressId, "Congress", 3, 2, 2, true);
    }

    private static MotionTallyResponse tally(String motionId) {
        return new MotionTallyResponse(
                motionId,
                "c1",
                "Motion " + motionId,
                MotionKind.PROCEDURAL,
                DecisionRule.MAJORITY_OF_SUMMONED,
                null,
                MotionStatus.OPEN,
                1,
                0,
                0,
                1,
                null);
    }

    private static ElectionResponse election(String electionId) {
        return new ElectionResponse(
                electionId, "c1", "Executive committee", 3, DecisionRule.MAJORITY_OF_SUMMONED, 0, List.of());
    }
}
