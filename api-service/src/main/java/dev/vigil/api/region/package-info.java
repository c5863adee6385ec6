/** The probe regions of this deployment, as the API lists them. */
package dev.vigil.api.region;
