package dev.vigil.probe.check.assertion;

import com.jayway.jsonpath.Predicate;
import com.jayway.jsonpath.internal.filter.Evaluator;
import com.jayway.jsonpath.internal.filter.EvaluatorFactory;
import com.jayway.jsonpath.internal.filter.RelationalOperator;
import com.jayway.jsonpath.internal.filter.ValueNode;
import com.jayway.jsonpath.internal.filter.ValueNodes;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Puts a time budget on the regular expressions of JSON path filters ({@code $[?(@.v =~ /(.*a){12}/)]}). Jayway
 * matches them with no limit, on strings it builds itself, and offers no hook for it: its evaluator for {@code =~} is
 * replaced, once, in its table of evaluators by one that behaves the same (a pattern against a string, number or
 * boolean, or against any element of an array) but matches through {@link BoundedRegex}'s deadline-checking input.
 * Without this a tenant's pattern against its own 4 KB body held a worker's cores for good.
 *
 * <p>The deadline covers one path evaluation as a whole ({@link #within}), so a path filtering thousands of nodes
 * cannot spend the budget once per node. If the table cannot be replaced (a Jayway upgrade changed it), paths with
 * {@code =~} are refused instead: failing closed, never running unbounded.
 */
final class JsonPathRegex {

    /** How long the regular expressions of one JSON path evaluation may run in all. */
    static final Duration BUDGET = Duration.ofMillis(250);

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();
    /** {@code PatternNode.getCompiledPattern()}, package-private in Jayway. */
    private static final MethodHandle COMPILED_PATTERN = compiledPattern();
    private static final boolean INSTALLED = COMPILED_PATTERN != null && install();

    private JsonPathRegex() {
    }

    /** Whether filters with {@code =~} can be evaluated with a budget on this worker. */
    static boolean available() {
        return INSTALLED;
    }

    /** Runs one path evaluation with {@link #BUDGET} for all the regular expressions it matches. */
    static <T> T within(Supplier<T> evaluation) {
        Long outer = DEADLINE.get();
        DEADLINE.set(System.nanoTime() + BUDGET.toNanos());
        try {
            return evaluation.get();
        } finally {
            if (outer == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(outer);
            }
        }
    }

    private static MethodHandle compiledPattern() {
        try {
            return MethodHandles.privateLookupIn(ValueNodes.PatternNode.class, MethodHandles.lookup())
                    .findVirtual(ValueNodes.PatternNode.class, "getCompiledPattern", MethodType.methodType(Pattern.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean install() {
        try {
            Field table = EvaluatorFactory.class.getDeclaredField("evaluators");
            table.setAccessible(true);
            ((Map<RelationalOperator, Evaluator>) table.get(null)).put(RelationalOperator.REGEX, new Bounded());
            return EvaluatorFactory.createEvaluator(RelationalOperator.REGEX) instanceof Bounded;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Jayway's {@code =~} semantics (whole-value match, as {@link java.util.regex.Matcher#matches()}), bounded. */
    private static final class Bounded implements Evaluator {

        @Override
        public boolean evaluate(ValueNode left, ValueNode right, Predicate.PredicateContext ctx) {
            if (left.isPatternNode() == right.isPatternNode()) {
                return false;
            }
            Pattern pattern = pattern((left.isPatternNode() ? left : right).asPatternNode());
            ValueNode other = left.isPatternNode() ? right : left;
            if (other.isValueListNode() || (other.isJsonNode() && other.asJsonNode().isArray(ctx))) {
                ValueNode list = other.isValueListNode() ? other : other.asJsonNode().asValueListNode(ctx);
                if (!list.isValueListNode()) {
                    return false;
                }
                for (ValueNode element : list.asValueListNode()) {
                    if (matches(pattern, input(element))) {
                        return true;
                    }
                }
                return false;
            }
            return matches(pattern, input(other));
        }

        private static Pattern pattern(ValueNodes.PatternNode node) {
            try {
                return (Pattern) COMPILED_PATTERN.invoke(node);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read a JSON path filter's pattern", e);
            }
        }

        private static boolean matches(Pattern pattern, String input) {
            Long deadline = DEADLINE.get();
            long until = deadline != null ? deadline : System.nanoTime() + BUDGET.toNanos();
            return BoundedRegex.matches(pattern, input, until, BUDGET);
        }

        private static String input(ValueNode node) {
            if (node.isStringNode() || node.isNumberNode()) {
                return node.asStringNode().getString();
            }
            return node.isBooleanNode() ? node.asBooleanNode().toString() : "";
        }
    }
}
