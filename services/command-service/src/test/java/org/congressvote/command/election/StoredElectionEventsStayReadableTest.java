package org.congressvote.command.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.congressvote.api.election.ElectionCreatedEvent;
import org.congressvote.api.election.RoundClosedEvent;
import org.congressvote.api.election.RoundStartedEvent;
import org.junit.jupiter.api.Test;

/**
 * Election events stored before bodies and alternates (issue 17) are read with the defaults of the fields added since,
 * by a mapper as strict as the services' (application.yml: a missing primitive is refused, which is why the added
 * fields are wrappers).
 */
class StoredElectionEventsStayReadableTest {

    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void anElectionCreatedBeforeBodiesIsAnElectionOfTheCongressWithoutAlternates() throws Exception {
        ElectionCreatedEvent created = json.readValue(
                "{\"electionId\":\"bch\",\"congressId\":\"c\",\"title\":\"Bầu Ban Chấp hành\",\"seats\":33,"
                        + "\"rule\":{\"base\":\"SUMMONED\",\"fraction\":{\"numerator\":1,\"denominator\":2},"
                        + "\"strictlyMore\":true},\"procedure\":\"LIST_GIVEN\"}",
                ElectionCreatedEvent.class);
        assertThat(created.alternateSeats()).isZero();
        assertThat(created.electorateElectionId()).isNull();
        assertThat(created.eligibleFromElectionId()).isNull();
        assertThat(created.excludingElectionIds()).isEmpty();
    }

    @Test
    void aRoundStartedOrClosedBeforeAlternatesHasNone() throws Exception {
        RoundStartedEvent started = json.readValue(
                "{\"electionId\":\"bch\",\"congressId\":\"c\",\"roundId\":\"bch-r1\",\"round\":1,\"seats\":2,"
                        + "\"candidates\":[{\"candidateId\":\"A\",\"fullName\":\"Lê Văn An\"}],"
                        + "\"newNamesDecidedBy\":null}",
                RoundStartedEvent.class);
        assertThat(started.alternateSeats()).isZero();

        RoundClosedEvent closed = json.readValue(
                "{\"electionId\":\"bch\",\"congressId\":\"c\",\"roundId\":\"bch-r1\",\"round\":1,\"seats\":2,"
                        + "\"rule\":{\"base\":\"SUMMONED\",\"fraction\":{\"numerator\":1,\"denominator\":2},"
                        + "\"strictlyMore\":true},\"summoned\":10,\"present\":10,\"issued\":10,\"returned\":10,"
                        + "\"valid\":10,\"invalid\":0,\"baseCount\":10,\"threshold\":6,\"results\":["
                        + "{\"candidateId\":\"A\",\"fullName\":\"Lê Văn An\",\"votes\":7,\"reachedThreshold\":true,"
                        + "\"elected\":true},{\"candidateId\":\"B\",\"fullName\":\"Phạm Thị Bình\",\"votes\":6,"
                        + "\"reachedThreshold\":true,\"elected\":false},{\"candidateId\":\"C\",\"fullName\":\"Trần"
                        + " Văn Cường\",\"votes\":6,\"reachedThreshold\":true,\"elected\":false}],"
                        + "\"elected\":[\"A\"],\"tiedForLastSeat\":[\"B\",\"C\"],\"seatsRemaining\":1,\"ballots\":[]}",
                RoundClosedEvent.class);
        assertThat(closed.alternateSeats()).isZero();
        assertThat(closed.alternates()).isEmpty();
        assertThat(closed.firstAlternateRank()).isEqualTo(1);
        assertThat(closed.results())
                .allSatisfy(r -> assertThat(r.alternateRank()).isZero());
        assertThat(closed.electorateElectionId()).isNull();
        // a tie stored before positions were recorded was for the last seat
        assertThat(closed.tiedAtPosition()).isEqualTo(2);
    }

    @Test
    void theMapperIsAsStrictAsTheServicesOnAMissingNumber() {
        assertThatThrownBy(() -> json.readValue(
                        "{\"electionId\":\"bch\",\"congressId\":\"c\",\"roundId\":\"bch-r1\",\"seats\":2,"
                                + "\"candidates\":[]}",
                        RoundStartedEvent.class))
                .isInstanceOf(MismatchedInputException.class);
    }
}
