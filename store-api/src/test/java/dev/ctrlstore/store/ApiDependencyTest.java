package dev.ctrlstore.store;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ApiDependencyTest {
    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ctrlstore.store");

    @Test
    @DisplayName("store-api reaches no JDBC, jOOQ, Flyway, HikariCP or Jackson class")
    void apiDependsOnTheJdkOnly() {
        noClasses().that().resideInAPackage("dev.ctrlstore.store..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "java.sql..", "javax.sql..", "org.jooq..", "org.flywaydb..", "com.zaxxer..",
                        "com.fasterxml..", "org.slf4j..")
                .because("store-api is the map of the domain and depends on the JDK only; SQL, pooling, migrations"
                        + " and JSON mapping belong in the store-sqlite / store-postgres backends")
                .check(API);
    }

    @Test
    @DisplayName("store-api classes were all imported (the rule above checked something)")
    void rulesSeeTheApi() {
        org.assertj.core.api.Assertions.assertThat(API.contain(Store.class)).isTrue();
        org.assertj.core.api.Assertions.assertThat(API.size()).isGreaterThan(50);
    }
}
