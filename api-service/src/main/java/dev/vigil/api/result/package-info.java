/** Read side of check results for the API: recent results of a monitor, newest first, with their region. */
package dev.vigil.api.result;
