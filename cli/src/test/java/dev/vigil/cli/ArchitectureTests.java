package dev.vigil.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import dev.vigil.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The CLI speaks the public HTTP API only: no class of it uses Vigil's server code. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = ArchitectureRules.mainClasses("dev.vigil.cli");

    @Test
    void usesNoServerCode() {
        ArchRuleDefinition.noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.vigil.api..", "dev.vigil.common..", "org.springframework..")
                .check(CLASSES);
    }
}
