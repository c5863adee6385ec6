/** The dashboard's incident pages: open and past incidents, a timeline, acknowledging through the API's rules. */
package dev.vigil.api.dashboard.incident;
