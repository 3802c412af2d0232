package org.congressvote.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.congressvote.api.AggregateTypes;
import org.congressvote.command.congress.Congress;
import org.congressvote.command.election.Ballot;
import org.congressvote.command.election.Election;
import org.congressvote.command.motion.Motion;
import org.congressvote.command.motion.Vote;
import org.junit.jupiter.api.Test;

/** The command side meets the query side only through the message contract (voting-api). */
class CommandSideArchitectureTest {

    /**
     * Imported once for the whole class: JUnit makes a new instance per test, and an instance field imported the
     * classes (and everything they reference) again for every rule. The classes are never changed by a rule.
     */
    private static final JavaClasses commandSide = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.congressvote.command");

    @Test
    void commandSideDoesNotDependOnTheQuerySide() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.congressvote.query..")
                .check(commandSide);
    }

    @Test
    void commandSideDoesNotReadTheReadModel() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.mongodb..", "org.bson..")
                .check(commandSide);
    }

    @Test
    void aggregatesAndTheVotingGateDoNotDependOnTheWebLayer() {
        noClasses()
                .that()
                .areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
                .or()
                .resideInAPackage("org.congressvote.command.gate..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.congressvote.command.web..", "org.springframework.web..")
                .check(commandSide);
    }

    /** A feature is one folder; features may use each other, but never in a circle. */
    @Test
    void featureSlicesAreFreeOfCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("org.congressvote.command.(*)..")
                .should()
                .beFreeOfCycles()
                .check(commandSide);
    }

    /** The read side tells aggregates apart by the type names in voting-api: renaming an aggregate must fail here. */
    @Test
    void aggregatesCarryTheTypeNamesOfTheContract() {
        assertThat(Congress.class.getSimpleName()).isEqualTo(AggregateTypes.CONGRESS);
        assertThat(Motion.class.getSimpleName()).isEqualTo(AggregateTypes.MOTION);
        assertThat(Election.class.getSimpleName()).isEqualTo(AggregateTypes.ELECTION);
        assertThat(Vote.class.getSimpleName()).isEqualTo(AggregateTypes.VOTE);
        assertThat(Ballot.class.getSimpleName()).isEqualTo(AggregateTypes.BALLOT);
    }

    @Test
    void sharedWebCodeWritesNoSql() {
        noClasses()
                .that()
                .resideInAnyPackage("org.congressvote.command.web..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
                .check(commandSide);
    }
}
