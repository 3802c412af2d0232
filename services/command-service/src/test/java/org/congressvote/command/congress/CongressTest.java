package org.congressvote.command.congress;

import static org.congressvote.command.Violations.violationOf;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.congressvote.api.congress.CardReissuedEvent;
import org.congressvote.api.congress.CheckInDelegateCommand;
import org.congressvote.api.congress.CheckOutDelegateCommand;
import org.congressvote.api.congress.CongressCreatedEvent;
import org.congressvote.api.congress.CreateCongressCommand;
import org.congressvote.api.congress.DelegateCheckedInEvent;
import org.congressvote.api.congress.DelegateCheckedOutEvent;
import org.congressvote.api.congress.DelegateRegisteredEvent;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.congress.RegisterDelegateCommand;
import org.congressvote.api.congress.ReissueCardCommand;
import org.congressvote.api.error.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CongressTest {

    private static final String ID = "cantho-7";
    private static final CongressCreatedEvent CREATED =
            new CongressCreatedEvent(ID, "Đại hội VII", Fraction.TWO_THIRDS);
    private static final DelegateRegisteredEvent REGISTERED =
            new DelegateRegisteredEvent(ID, "D001", "Nguyễn Văn An", "Sở Tư pháp");

    private FixtureConfiguration<Congress> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Congress.class);
        fixture.registerInjectableResource(new org.congressvote.command.gate.FakeVotingGate());
    }

    @Test
    void congressIsConvenedWithTwoThirdsQuorumByDefault() {
        fixture.givenNoPriorActivity()
                .when(new CreateCongressCommand(ID, "  Đại hội VII ", null))
                .expectEvents(CREATED);
    }

    @Test
    void congressNeedsAName() {
        fixture.givenNoPriorActivity()
                .when(new CreateCongressCommand(ID, " ", null))
                .expectException(violationOf(ErrorCode.INVALID_REQUEST))
                .expectNoEvents();
    }

    @Test
    void delegateIsRegisteredOnTheRoster() {
        fixture.given(CREATED)
                .when(new RegisterDelegateCommand(ID, "D001", "Nguyễn Văn An", "Sở Tư pháp"))
                .expectEvents(REGISTERED);
    }

    @Test
    void delegateCannotBeRegisteredTwice() {
        fixture.given(CREATED, REGISTERED)
                .when(new RegisterDelegateCommand(ID, "D001", "Trần Thị Bình", "Sở Y tế"))
                .expectException(violationOf(ErrorCode.DELEGATE_ALREADY_REGISTERED))
                .expectExceptionMessage("delegate code D001 is already on the roster");
    }

    @Test
    void registeredDelegateChecksIn() {
        fixture.given(CREATED, REGISTERED)
                .when(new CheckInDelegateCommand(ID, "D001"))
                .expectEvents(new DelegateCheckedInEvent(ID, "D001"));
    }

    @Test
    void unknownDelegateCannotCheckIn() {
        fixture.given(CREATED, REGISTERED)
                .when(new CheckInDelegateCommand(ID, "D999"))
                .expectException(violationOf(ErrorCode.DELEGATE_NOT_REGISTERED))
                .expectNoEvents();
    }

    @Test
    void presentDelegateCannotCheckInAgain() {
        fixture.given(CREATED, REGISTERED, new DelegateCheckedInEvent(ID, "D001"))
                .when(new CheckInDelegateCommand(ID, "D001"))
                .expectException(violationOf(ErrorCode.DELEGATE_ALREADY_PRESENT))
                .expectNoEvents();
    }

    @Test
    void delegateWhoLeftCanReturn() {
        fixture.given(
                        CREATED,
                        REGISTERED,
                        new DelegateCheckedInEvent(ID, "D001"),
                        new DelegateCheckedOutEvent(ID, "D001"))
                .when(new CheckInDelegateCommand(ID, "D001"))
                .expectEvents(new DelegateCheckedInEvent(ID, "D001"));
    }

    @Test
    void absentDelegateCannotLeave() {
        fixture.given(CREATED, REGISTERED)
                .when(new CheckOutDelegateCommand(ID, "D001", "left the hall"))
                .expectException(violationOf(ErrorCode.DELEGATE_NOT_PRESENT))
                .expectNoEvents();
    }

    @Test
    void checkOutRecordsItsReason() {
        fixture.given(CREATED, REGISTERED, new DelegateCheckedInEvent(ID, "D001"))
                .when(new CheckOutDelegateCommand(ID, "D001", " unwell, went home "))
                .expectEvents(new DelegateCheckedOutEvent(ID, "D001", "unwell, went home"));
    }

    @Test
    void checkOutNeedsAReason() {
        fixture.given(CREATED, REGISTERED, new DelegateCheckedInEvent(ID, "D001"))
                .when(new CheckOutDelegateCommand(ID, "D001", " "))
                .expectException(violationOf(ErrorCode.INVALID_REQUEST))
                .expectNoEvents();
    }

    @Test
    void cardReissueIsAnEventWithItsReason() {
        fixture.given(CREATED, REGISTERED)
                .when(new ReissueCardCommand(ID, "D001", "card lost in the hall"))
                .expectEvents(new CardReissuedEvent(ID, "D001", "card lost in the hall"));
    }

    @Test
    void cardReissueNeedsAReason() {
        fixture.given(CREATED, REGISTERED)
                .when(new ReissueCardCommand(ID, "D001", null))
                .expectException(violationOf(ErrorCode.INVALID_REQUEST))
                .expectNoEvents();
    }

    @Test
    void cardIsReissuedOnlyForADelegateOnTheRoster() {
        fixture.given(CREATED, REGISTERED)
                .when(new ReissueCardCommand(ID, "D999", "lost"))
                .expectException(violationOf(ErrorCode.DELEGATE_NOT_REGISTERED))
                .expectExceptionMessage("Delegate D999 is not on the roster of congress cantho-7.")
                .expectNoEvents();
    }
}
