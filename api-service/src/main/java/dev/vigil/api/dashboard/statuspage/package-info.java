/**
 * Status page editor: the workspace's pages, the create and edit form with its components (bound to monitors,
 * grouped and ordered), a preview of the public page, and delete. Changes go through the same
 * {@link dev.vigil.api.statuspage.StatusPages} service as the API, so validation, isolation and auditing are the
 * API's own.
 */
package dev.vigil.api.dashboard.statuspage;
