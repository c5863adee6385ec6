package dev.vigil.local;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class on the {@link SharedStack}, which its {@code @BeforeAll} method takes as a parameter. These classes run
 * first (failsafe orders classes by {@link Order}; see local-stack/pom.xml), one after the other on the one stack,
 * before the classes with a stack of their own ({@link OwnStack}), whose first one stops the shared stack. Running
 * first, they also take the JVM's warm-up (class loading, compilation), which has no deadline to miss here.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(SharedStack.Resolver.class)
@Order(Order.DEFAULT - 1)
@interface UsesSharedStack {
}
