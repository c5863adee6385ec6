/** Database sessions the scheduler holds on to (the leader lock, LISTEN), which must never come from the pool. */
package dev.vigil.scheduler.db;
