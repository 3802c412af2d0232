package org.congressvote.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.congressvote.api.motion.FetchTallyQuery;
import org.congressvote.api.motion.MotionStatus;
import org.congressvote.api.motion.TallyResponse;
import org.congressvote.query.motion.FetchMotionTalliesQuery;
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
            if (query instanceof FetchAttendanceQuery q) {
                return CompletableFuture.completedFuture(
                        Optional.of(new AttendanceResponse(q.congressId(), "Congress", 3, 2, 2, true)));
            }
            if (query instanceof FetchTallyQuery q) {
                return CompletableFuture.completedFuture(Optional.of(tally(q.motionId())));
            }
            if (query instanceof FetchMotionTalliesQuery) {
                return CompletableFuture.completedFuture(List.of(tally("m1"), tally("m2")));
            }
            throw new AssertionError("unexpected query " + query);
        });
        dashboard = new LiveDashboard(queries, Duration.ofMinutes(1));
    }

    @Test
    void aNewStreamGetsTheCurrentAttendanceAndEveryMotionsTally() {
        dashboard.open("c1");

        dashboard.publishChanges();

        assertThat(queriesAsked).containsExactly(new FetchAttendanceQuery("c1"), new FetchMotionTalliesQuery("c1"));
    }

    @Test
    void manyChangesOfOneViewWithinAnIntervalAreReadOnce() {
        dashboard.open("c1");
        dashboard.open("c1");
        dashboard.publishChanges();
        queriesAsked.clear();

        for (int i = 0; i < 2_000; i++) {
            dashboard.tallyChanged("c1", "m1");
            dashboard.attendanceChanged("c1");
        }
        dashboard.tallyChanged("c1", "m2");
        dashboard.publishChanges();

        assertThat(queriesAsked).containsExactlyInAnyOrder(new FetchAttendanceQuery("c1"),
                new FetchTallyQuery("m1"), new FetchTallyQuery("m2"));
        queriesAsked.clear();
        dashboard.publishChanges();
        assertThat(queriesAsked).isEmpty();
    }

    @Test
    void changesOfCongressesNobodyWatchesCostNoReads() {
        dashboard.open("c1");
        dashboard.publishChanges();
        queriesAsked.clear();

        dashboard.tallyChanged("c2", "m9");
        dashboard.attendanceChanged("c2");
        dashboard.publishChanges();

        assertThat(queriesAsked).isEmpty();
        assertThat(dashboard.openStreams()).isEqualTo(1);
    }

    private static TallyResponse tally(String motionId) {
        return new TallyResponse(motionId, "c1", "Motion " + motionId, MotionStatus.OPEN, 1, 0, 0, 1);
    }
}
