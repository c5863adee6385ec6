/**
 * Where failed browser checks' screenshots are kept: in PostgreSQL with their result's row (the default, nothing to
 * set up), or in an S3-compatible object store ({@code vigil.artifacts.store=s3}) so large fleets keep megabytes of
 * PNGs out of the database. The alerting service writes and expires them, the api serves them; both reach the store
 * through {@link dev.vigil.common.artifact.ScreenshotStore}, set up here like the SQS client is.
 */
package dev.vigil.common.artifact;
