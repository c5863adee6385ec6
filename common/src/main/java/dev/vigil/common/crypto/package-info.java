/** Sealing small secrets at rest (alert channel configurations), shared by the services that write and read them. */
package dev.vigil.common.crypto;
