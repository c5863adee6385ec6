/** What the JPA entities of the features share: {@link dev.vigil.api.persistence.AssignedIdEntity}. */
package dev.vigil.api.persistence;
