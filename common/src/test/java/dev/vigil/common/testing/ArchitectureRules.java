package dev.vigil.common.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The module rules every service keeps, as ArchUnit rules over its main classes (see each service's
 * {@code ArchitectureTests}):
 * <ol>
 *   <li>no cycles between packages: every package, the service's root package included, is a slice;</li>
 *   <li>no controller depends on another controller: what two entry points share is an application service;</li>
 *   <li>the web layer (controllers, and the dashboard's packages where there are some) is not reached from below:
 *       nothing outside it depends on it; servlet filters count as web layer, since they sit in front of it.</li>
 * </ol>
 */
public final class ArchitectureRules {

    private static final String SPRING_CONTROLLER = "org.springframework.stereotype.Controller";
    private static final String SERVLET_FILTER = "jakarta.servlet.Filter";

    private ArchitectureRules() {
    }

    /** The main classes under {@code rootPackage}, without tests and jars. */
    public static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
    }

    /** Rule 1: each package below (and including) {@code rootPackage} is a slice, and slices form no cycle. */
    public static ArchRule noPackageCycles(String rootPackage) {
        return SlicesRuleDefinition.slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                return name.equals(rootPackage) || name.startsWith(rootPackage + ".") ? SliceIdentifier.of(name)
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages of " + rootPackage;
            }
        }).should().beFreeOfCycles();
    }

    /** Rule 2: a controller never depends on another controller. */
    public static ArchRule noControllerDependsOnAController() {
        return noClasses().that(controllers()).should().dependOnClassesThat(controllers())
                .as("no controller depends on another controller")
                .allowEmptyShould(true); // a service without controllers (the scheduler) keeps it trivially
    }

    /**
     * Rule 3: nothing below the web layer depends on it. The web layer is every controller, every servlet filter,
     * and every class in {@code webPackages} (e.g. {@code "dev.vigil.api.dashboard.."}); a nested class belongs where
     * its top-level class does.
     */
    public static ArchRule webLayerIsNotReachedFromBelow(String... webPackages) {
        DescribedPredicate<JavaClass> webTargets = controllers().or(inPackages(webPackages))
                .as("controllers or the web packages");
        DescribedPredicate<JavaClass> webLayer = topLevel(controllers().or(filters()).or(inPackages(webPackages)))
                .as("the web layer");
        return noClasses().that(DescribedPredicate.not(webLayer)).should().dependOnClassesThat(webTargets)
                .as("the web layer is not reached from below")
                .allowEmptyShould(true);
    }

    private static DescribedPredicate<JavaClass> controllers() {
        // Annotation types such as @RestController are themselves meta-annotated with @Controller: not controllers.
        return DescribedPredicate.describe("controllers", c -> !c.isAnnotation()
                && (c.isMetaAnnotatedWith(SPRING_CONTROLLER) || c.isAnnotatedWith(SPRING_CONTROLLER)));
    }

    private static DescribedPredicate<JavaClass> filters() {
        return DescribedPredicate.describe("servlet filters", c -> c.isAssignableTo(SERVLET_FILTER));
    }

    private static DescribedPredicate<JavaClass> inPackages(String... packages) {
        return JavaClass.Predicates.resideInAnyPackage(packages);
    }

    private static DescribedPredicate<JavaClass> topLevel(DescribedPredicate<JavaClass> predicate) {
        return DescribedPredicate.describe(predicate.getDescription(), c -> {
            JavaClass top = c;
            while (top.getEnclosingClass().isPresent()) {
                top = top.getEnclosingClass().get();
            }
            return predicate.test(top);
        });
    }
}
