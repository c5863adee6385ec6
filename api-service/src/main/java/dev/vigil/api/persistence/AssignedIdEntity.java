package dev.vigil.api.persistence;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * An entity whose id the application assigns (a random UUID, a composite key) instead of the database. From such an
 * id Spring Data cannot tell whether the row exists yet, and would merge (a SELECT, then an INSERT) where a plain
 * persist does; this tells it: new when constructed by the application, stored once loaded or persisted.
 */
@MappedSuperclass
public abstract class AssignedIdEntity<K> implements Persistable<K> {

    @Transient
    private boolean isNew = true;

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        isNew = false;
    }
}
