package dev.vigil.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.vigil.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * {@code common} holds contracts and shared plumbing only: it knows no service, declares no web endpoint, entity or
 * application service, and its packages form no cycle.
 */
class ArchitectureTests {

    private static final JavaClasses CLASSES = ArchitectureRules.mainClasses("dev.vigil.common");

    @Test
    void packagesFormNoCycles() {
        ArchitectureRules.noPackageCycles("dev.vigil.common").check(CLASSES);
    }

    @Test
    void commonDependsOnNoService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.vigil.api..", "dev.vigil.scheduler..",
                        "dev.vigil.probe..", "dev.vigil.alerting..", "dev.vigil.local..", "dev.vigil.infra..",
                        "dev.vigil.plugin..")
                .as("common depends on no service").check(CLASSES);
    }

    @Test
    void commonHoldsNoServiceCode() {
        noClasses().should().beMetaAnnotatedWith("org.springframework.stereotype.Controller")
                .orShould().beMetaAnnotatedWith("org.springframework.stereotype.Service")
                .orShould().beAnnotatedWith("jakarta.persistence.Entity")
                .as("common declares no controller, application service or entity").check(CLASSES);
    }
}
