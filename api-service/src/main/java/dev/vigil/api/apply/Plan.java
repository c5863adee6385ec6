package dev.vigil.api.apply;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * What an apply does (or, in a dry run, would do): one change per object created, updated or deleted, and how many
 * objects the document names that are already as it says.
 *
 * @param applied false for a dry run: nothing was written
 */
public record Plan(boolean applied, boolean prune, List<Change> changes, Summary summary) {

    /**
     * One change.
     *
     * @param kind   {@code alertChannel}, {@code monitor}, {@code statusPage} or {@code maintenanceWindow}
     * @param action {@code create}, {@code update} or {@code delete}
     * @param path   where the object is in the document ({@code monitors[3]}); null for a deletion
     * @param id     the object's id; for a create in a dry run, the id it would have had (never stored)
     * @param fields for an update, the fields that change
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String kind, String key, String action, String path, UUID id, String name,
                         List<String> fields) {
    }

    public record Summary(int create, int update, int delete, int unchanged) {
    }
}
