package org.congressvote.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The command side meets the query side only through the message contract (voting-api). */
class CommandSideArchitectureTest {

    private final JavaClasses commandSide = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.congressvote.command");

    @Test
    void commandSideDoesNotDependOnTheQuerySide() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.congressvote.query..")
                .check(commandSide);
    }

    @Test
    void commandSideDoesNotReadTheReadModel() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..")
                .check(commandSide);
    }

    @Test
    void aggregatesDoNotDependOnTheWebLayer() {
        noClasses().that().resideInAnyPackage("org.congressvote.command.congress..", "org.congressvote.command.motion..",
                        "org.congressvote.command.vote..")
                .should().dependOnClassesThat().resideInAnyPackage("org.congressvote.command.web..",
                        "org.springframework.web..")
                .check(commandSide);
    }
}
