/** The probe regions of a deployment, as configured ({@code vigil.regions}). */
package dev.vigil.common.region;
