/**
 * Test fixtures shared by every module through common's test-jar: a fresh PostgreSQL database per test run
 * ({@link dev.vigil.common.testing.TestDatabase}) and an embedded SQS server ({@link dev.vigil.common.testing.TestSqs}).
 */
package dev.vigil.common.testing;
