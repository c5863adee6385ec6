package dev.vigil.alerting;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.vigil.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The alerting service's module rules (see {@link ArchitectureRules}), checked on its main classes. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = ArchitectureRules.mainClasses("dev.vigil.alerting");

    @Test
    void packagesFormNoCycles() {
        ArchitectureRules.noPackageCycles("dev.vigil.alerting").check(CLASSES);
    }

    @Test
    void noControllerDependsOnAController() {
        ArchitectureRules.noControllerDependsOnAController().check(CLASSES);
    }

    @Test
    void theWebLayerIsNotReachedFromBelow() {
        ArchitectureRules.webLayerIsNotReachedFromBelow().check(CLASSES);
    }
}
