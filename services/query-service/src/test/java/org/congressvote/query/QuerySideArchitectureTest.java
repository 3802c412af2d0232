package org.congressvote.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The query side meets the command side only through the message contract (voting-api). */
class QuerySideArchitectureTest {

    /**
     * Imported once for the whole class: JUnit makes a new instance per test, and an instance field imported the
     * classes (and everything they reference) again for every rule. The classes are never changed by a rule.
     */
    private static final JavaClasses querySide = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.congressvote.query");

    @Test
    void querySideDoesNotDependOnTheCommandSide() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.congressvote.command..")
                .check(querySide);
    }

    @Test
    void querySideHasNoDatabaseOfTheCommandSide() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..")
                .check(querySide);
    }

    @Test
    void projectionsKnowNothingOfTheWebOrTheLiveStreams() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Projection")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..", "org.congressvote.query.web..", "org.congressvote.query.live..")
                .check(querySide);
    }

    @Test
    void projectionsAreNamedProcessingGroups() {
        classes()
                .that()
                .haveSimpleNameEndingWith("Projection")
                .should()
                .beAnnotatedWith(org.axonframework.config.ProcessingGroup.class)
                .check(querySide);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.congressvote.query.(*)..")
                .should()
                .beFreeOfCycles()
                .check(querySide);
    }
}
