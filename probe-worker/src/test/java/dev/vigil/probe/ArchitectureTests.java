package dev.vigil.probe;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.vigil.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The probe worker's module rules (see {@link ArchitectureRules}), checked on its main classes. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = ArchitectureRules.mainClasses("dev.vigil.probe");

    @Test
    void packagesFormNoCycles() {
        ArchitectureRules.noPackageCycles("dev.vigil.probe").check(CLASSES);
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
