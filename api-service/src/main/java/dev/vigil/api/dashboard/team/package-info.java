/**
 * The dashboard's workspace pages: members (invite, change role, remove) through the API's member roster, and API
 * keys (create, shown once; revoke) through {@link dev.vigil.api.apikey.ApiKeys}.
 */
package dev.vigil.api.dashboard.team;
