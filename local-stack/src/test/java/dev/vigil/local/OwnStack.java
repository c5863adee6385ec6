package dev.vigil.local;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that starts a stack of its own: it needs settings the {@link SharedStack} does not have, or it counts
 * rows across all workspaces. The shared stack, if one runs, is stopped before it starts, so no two stacks share the
 * CPU while its deadlines run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(SharedStack.Stopper.class)
@interface OwnStack {
}
