package org.congressvote.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The message contract is shared by both services and by clients: plain records, nothing else. */
class ContractArchitectureTest {

    /**
     * Imported once for the whole class: JUnit makes a new instance per test, and an instance field imported the
     * classes (and everything they reference) again for every rule. The classes are never changed by a rule.
     */
    private static final JavaClasses api = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.congressvote.api");

    @Test
    void contractDependsOnNoSpringAndNoPersistence() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "jakarta.persistence..",
                        "java.sql..",
                        "com.mongodb..",
                        "org.bson..",
                        "org.apache.kafka..")
                .check(api);
    }

    @Test
    void contractDependsOnNeitherService() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.congressvote.command..", "org.congressvote.query..")
                .check(api);
    }

    @Test
    void commandsEventsQueriesAndResponsesAreRecords() {
        classes()
                .that()
                .haveSimpleNameEndingWith("Command")
                .or()
                .haveSimpleNameEndingWith("Event")
                .or()
                .haveSimpleNameEndingWith("Query")
                .or()
                .haveSimpleNameEndingWith("Response")
                .should()
                .beRecords()
                .check(api);
    }
}
