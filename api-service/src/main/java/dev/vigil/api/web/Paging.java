package dev.vigil.api.web;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * A validated {@code ?page=&size=} of a list endpoint, and the page shape of docs/api.md:
 * {@code {"items":[...],"page","size","total"}}.
 */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    /** Deeper pages would make PostgreSQL skip over millions of rows; nobody pages that far by hand. */
    public static final int MAX_PAGE = 100_000;

    public static Paging of(int page, int size) {
        FieldProblems problems = new FieldProblems();
        if (page < 0 || page > MAX_PAGE) {
            problems.add("page", "page must be between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_SIZE) {
            problems.add("size", "size must be between 1 and " + MAX_SIZE);
        }
        problems.throwIfAny();
        return new Paging(page, size);
    }

    public PageRequest pageable(Sort sort) {
        return PageRequest.of(page, size, sort);
    }

    public long offset() {
        return (long) page * size;
    }

    public <T, R> Items<R> items(Page<T> found, Function<T, R> view) {
        return new Items<>(found.getContent().stream().map(view).toList(), page, size, found.getTotalElements());
    }

    public <R> Items<R> items(List<R> content, long total) {
        return new Items<>(content, page, size, total);
    }

    /** One page of a list. */
    public record Items<T>(List<T> items, int page, int size, long total) {
    }
}
