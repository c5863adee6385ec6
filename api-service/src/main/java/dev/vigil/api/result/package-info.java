/** Read side of check results for the API: recent results of a monitor, newest first, with their region and, for
 * failures, what cross-region confirmation made of them. */
package dev.vigil.api.result;
