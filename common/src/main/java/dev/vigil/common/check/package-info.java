/**
 * What a monitor checks, as it travels from the API through the database and the scheduler to a probe: one record per
 * monitor type ({@link dev.vigil.common.check.CheckSpec}) and the assertions a check is judged by. These are contracts
 * only; how a check runs belongs to the probe-worker, how it is validated to the api-service.
 */
package dev.vigil.common.check;
