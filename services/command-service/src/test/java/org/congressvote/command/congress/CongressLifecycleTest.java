package org.congressvote.command.congress;

import static org.congressvote.command.Violations.violationOf;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.congressvote.api.congress.AlternateSeatedEvent;
import org.congressvote.api.congress.CheckInDelegateCommand;
import org.congressvote.api.congress.CloseCongressCommand;
import org.congressvote.api.congress.CompleteCredentialsVerificationCommand;
import org.congressvote.api.congress.CongressClosedEvent;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.CredentialsAcceptedEvent;
import org.congressvote.api.congress.CredentialsRejectedEvent;
import org.congressvote.api.congress.CredentialsVerifiedEvent;
import org.congressvote.api.congress.DeclareAbsentCommand;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateDeclaredAbsentEvent;
import org.congressvote.api.congress.DelegateKind;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.congress.ImportRosterCommand;
import org.congressvote.api.congress.OpenSessionCommand;
import org.congressvote.api.congress.Organisation;
import org.congressvote.api.congress.RegisterDelegateCommand;
import org.congressvote.api.congress.RejectCredentialsCommand;
import org.congressvote.api.congress.RosterEntry;
import org.congressvote.api.congress.SeatAlternateCommand;
import org.congressvote.api.congress.SessionOpenedEvent;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.RosterRejected;
import org.congressvote.command.gate.FakeVotingGate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CongressLifecycleTest {

    private static final String ID = "c7";
    private static final List<Organisation> ORGS =
            List.of(new Organisation("SYT", "Đảng bộ Sở Y tế", 120), new Organisation("STP", "Chi bộ Sở Tư pháp", 45));
    private static final CongressCreatedEvent CREATED =
            new CongressCreatedEvent(ID, "Đại hội VII", Fraction.TWO_THIRDS, ORGS);
    private static final DelegateRegisteredEvent D1 = official("D001");
    private static final DelegateRegisteredEvent D2 = official("D002");
    private static final DelegateRegisteredEvent A1 =
            new DelegateRegisteredEvent(ID, "A001", "Lê Thị Dự Khuyết", "SYT", DelegateKind.ALTERNATE, null, null);

    private FixtureConfiguration<Congress> fixture;
    private FakeVotingGate gate;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Congress.class);
        gate = new FakeVotingGate();
        fixture.registerInjectableResource(gate);
    }

    private static DelegateRegisteredEvent official(String id) {
        return new DelegateRegisteredEvent(ID, id, "Nguyễn Văn " + id, "SYT", DelegateKind.OFFICIAL, null, null);
    }

    @Test
    void rosterImportRegistersEveryRow() {
        fixture.given(CREATED)
                .when(new ImportRosterCommand(
                        ID,
                        List.of(
                                new RosterEntry("D001", "Nguyễn Văn D001", "SYT", DelegateKind.OFFICIAL, null, null),
                                new RosterEntry(
                                        "A001", "Lê Thị Dự Khuyết", "SYT", DelegateKind.ALTERNATE, null, null))))
                .expectEvents(D1, A1);
    }

    @Test
    void rosterWithOneBadRowChangesNothingAndNamesEveryBadRow() {
        fixture.given(CREATED, D1)
                .when(new ImportRosterCommand(
                        ID,
                        List.of(
                                new RosterEntry("D002", "Trần Thị Hai", "SYT", DelegateKind.OFFICIAL, null, null),
                                new RosterEntry("D003", " ", "SYT", DelegateKind.OFFICIAL, null, null),
                                new RosterEntry("D004", "Phạm Văn Bốn", "XXX", DelegateKind.OFFICIAL, null, null),
                                new RosterEntry("D002", "Trần Thị Hai bis", "STP", DelegateKind.OFFICIAL, null, null),
                                new RosterEntry("D001", "Nguyễn Văn D001", "SYT", DelegateKind.OFFICIAL, null, null))))
                .expectNoEvents()
                .expectException(RosterRejected.class)
                .expectExceptionMessage("4 row(s) of the roster are wrong; nothing was imported.");
    }

    @Test
    void rosterProblemsNameTheirRows() {
        fixture.given(CREATED)
                .when(new ImportRosterCommand(
                        ID,
                        List.of(
                                new RosterEntry("D002", "Trần Thị Hai", "SYT", DelegateKind.OFFICIAL, null, null),
                                new RosterEntry("D002", "Trần Thị Hai", "SYT", DelegateKind.OFFICIAL, null, null))))
                .expectNoEvents()
                .expectException(new org.hamcrest.TypeSafeMatcher<RosterRejected>() {
                    @Override
                    protected boolean matchesSafely(RosterRejected e) {
                        return e.problems().size() == 1
                                && e.problems().get(0).row() == 3
                                && e.problems().get(0).problem().contains("appears twice")
                                && e.problems().get(0).problem().contains("first on row 2");
                    }

                    @Override
                    public void describeTo(org.hamcrest.Description description) {
                        description.appendText("one problem, on row 3: a code that appears twice, first on row 2");
                    }
                });
    }

    @Test
    void delegateFromAnUnknownOrganisationIsRefused() {
        fixture.given(CREATED)
                .when(new RegisterDelegateCommand(ID, "D009", "Võ Văn Chín", "XXX", DelegateKind.OFFICIAL, null, null))
                .expectException(violationOf(ErrorCode.INVALID_REQUEST))
                .expectNoEvents();
    }

    @Test
    void credentialsAreDecidedOnce() {
        fixture.given(CREATED, D1, new CredentialsAcceptedEvent(ID, "D001"))
                .when(new RejectCredentialsCommand(ID, "D001", "late"))
                .expectException(violationOf(ErrorCode.CREDENTIALS_ALREADY_DECIDED))
                .expectNoEvents();
    }

    @Test
    void committeeAcceptsEveryPendingCredentialAtOnceButNotTheRejectedOnes() {
        fixture.given(CREATED, D1, D2, A1, new CredentialsRejectedEvent(ID, "D002", "không đủ tư cách"))
                .when(new org.congressvote.api.congress.AcceptAllPendingCredentialsCommand(ID))
                .expectEvents(new CredentialsAcceptedEvent(ID, "A001"), new CredentialsAcceptedEvent(ID, "D001"));
    }

    @Test
    void verificationNeedsEveryOfficialDecided() {
        fixture.given(CREATED, D1, D2, new CredentialsAcceptedEvent(ID, "D001"))
                .when(new CompleteCredentialsVerificationCommand(ID))
                .expectException(violationOf(ErrorCode.CREDENTIALS_PENDING))
                .expectExceptionMessage("1 official delegate(s) still have undecided credentials, e.g. D002.");
    }

    @Test
    void verificationReportsAcceptedAndRejected() {
        fixture.given(
                        CREATED,
                        D1,
                        D2,
                        A1,
                        new CredentialsAcceptedEvent(ID, "D001"),
                        new CredentialsRejectedEvent(ID, "D002", "không đủ tư cách"))
                .when(new CompleteCredentialsVerificationCommand(ID))
                .expectEvents(new CredentialsVerifiedEvent(ID, 2, 1, 1));
    }

    @Test
    void rosterIsClosedOnceCredentialsAreVerified() {
        fixture.given(CREATED, D1, new CredentialsAcceptedEvent(ID, "D001"), new CredentialsVerifiedEvent(ID, 1, 1, 0))
                .when(new RegisterDelegateCommand(ID, "D009", "Võ Văn Chín", "SYT", DelegateKind.OFFICIAL, null, null))
                .expectException(violationOf(ErrorCode.CONGRESS_STATE))
                .expectNoEvents();
    }

    @Test
    void sessionOpensOnlyAfterCredentialsAreVerified() {
        fixture.given(CREATED, D1)
                .when(new OpenSessionCommand(ID))
                .expectException(violationOf(ErrorCode.CONGRESS_STATE))
                .expectExceptionMessage(
                        "Cannot open the session while the congress is convened; that needs it to be credentials verified.");
    }

    @Test
    void alternateIsSeatedInPlaceOfAnAbsentOfficial() {
        fixture.given(CREATED, D1, A1)
                .when(new SeatAlternateCommand(ID, "A001", "D001", "ốm, có giấy của bệnh viện"))
                .expectEvents(new AlternateSeatedEvent(ID, "A001", "D001", "ốm, có giấy của bệnh viện"));
    }

    @Test
    void alternateCannotBeSeatedInPlaceOfAnOfficialWhoAttended() {
        fixture.given(CREATED, D1, A1, new DelegateCheckedInEvent(ID, "D001"))
                .when(new SeatAlternateCommand(ID, "A001", "D001", "left early"))
                .expectException(violationOf(ErrorCode.ALTERNATE_NOT_ALLOWED))
                .expectNoEvents();
    }

    @Test
    void unseatedAlternateCannotCheckIn() {
        fixture.given(CREATED, D1, A1)
                .when(new CheckInDelegateCommand(ID, "A001"))
                .expectException(violationOf(ErrorCode.NO_VOTING_RIGHT))
                .expectExceptionMessage("Alternate A001 has not been seated in place of an official delegate.");
    }

    @Test
    void seatedAlternateChecksInAndTheReplacedOfficialCannot() {
        fixture.given(CREATED, D1, A1, new AlternateSeatedEvent(ID, "A001", "D001", "ốm"))
                .when(new CheckInDelegateCommand(ID, "A001"))
                .expectEvents(new DelegateCheckedInEvent(ID, "A001"));
        fixture.given(CREATED, D1, A1, new AlternateSeatedEvent(ID, "A001", "D001", "ốm"))
                .when(new CheckInDelegateCommand(ID, "D001"))
                .expectException(violationOf(ErrorCode.NO_VOTING_RIGHT));
    }

    @Test
    void delegateWithRejectedCredentialsCannotCheckIn() {
        fixture.given(CREATED, D1, new CredentialsRejectedEvent(ID, "D001", "không đủ tư cách"))
                .when(new CheckInDelegateCommand(ID, "D001"))
                .expectException(violationOf(ErrorCode.NO_VOTING_RIGHT))
                .expectNoEvents();
    }

    @Test
    void officialWhoNeverCameIsDeclaredAbsent() {
        fixture.given(CREATED, D1)
                .when(new DeclareAbsentCommand(ID, "D001", "công tác nước ngoài"))
                .expectEvents(new DelegateDeclaredAbsentEvent(ID, "D001", "công tác nước ngoài"));
    }

    @Test
    void officialWhoAttendedCannotBeDeclaredAbsent() {
        fixture.given(CREATED, D1, new DelegateCheckedInEvent(ID, "D001"))
                .when(new DeclareAbsentCommand(ID, "D001", "left"))
                .expectException(violationOf(ErrorCode.CONGRESS_STATE))
                .expectNoEvents();
    }

    @Test
    void congressClosesOnlyWithNoVoteOpen() {
        gate.congress(ID).motion("m1", ID, true);
        fixture.given(CREATED, new CredentialsVerifiedEvent(ID, 0, 0, 0), new SessionOpenedEvent(ID))
                .when(new CloseCongressCommand(ID))
                .expectException(violationOf(ErrorCode.CONGRESS_STATE))
                .expectNoEvents();
    }

    @Test
    void congressInSessionCloses() {
        fixture.given(CREATED, new CredentialsVerifiedEvent(ID, 0, 0, 0), new SessionOpenedEvent(ID))
                .when(new CloseCongressCommand(ID))
                .expectEvents(new CongressClosedEvent(ID));
    }
}
