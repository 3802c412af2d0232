package org.congressvote.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.congressvote.api.congress.AlternateSeatedEvent;
import org.congressvote.api.election.BallotCastEvent;
import org.congressvote.api.election.SeatsProposedEvent;
import org.congressvote.api.vote.VoteCastEvent;
import org.congressvote.api.vote.VoteChoice;
import org.junit.jupiter.api.Test;

/** The audit log's index knows every event of the contract, and what each is about. */
class AuditIndexTest {

    @Test
    void everyEventOfTheContractIsIndexed() {
        List<Class<?>> events = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.congressvote.api")
                        .stream()
                        .filter(c -> c.getSimpleName().endsWith("Event"))
                        .<Class<?>>map(JavaClass::reflect)
                        .filter(Class::isRecord)
                        .toList();
        assertThat(events).hasSizeGreaterThan(30);
        assertThat(AuditIndex.indexedTypes()).containsAll(events);
    }

    @Test
    void anAlternateIsFoundUnderBothDelegates() {
        AuditIndex.Subjects seated = AuditIndex.subjectsOf(new AlternateSeatedEvent("C1", "A001", "D007", "ill"));
        assertThat(seated).isEqualTo(new AuditIndex.Subjects("C1", null, "A001", "D007"));
    }

    @Test
    void aVoteIsAboutItsCongressMotionAndDelegateAndAProposalAboutItsMotion() {
        assertThat(AuditIndex.subjectsOf(new VoteCastEvent("vote:M1:D001", "M1", "C1", "D001", VoteChoice.AGREE, "r1")))
                .isEqualTo(new AuditIndex.Subjects("C1", "M1", "D001", null));
        assertThat(AuditIndex.subjectsOf(new SeatsProposedEvent("E1", "C1", "M2", 9, 1)))
                .isEqualTo(new AuditIndex.Subjects("C1", "M2", null, null));
        assertThat(AuditIndex.subjectsOf(new BallotCastEvent("ballot:R1:D002", "E1", "R1", "C1", "D002", "h")))
                .isEqualTo(new AuditIndex.Subjects("C1", null, "D002", null));
    }
}
