/**
 * On-call rotations as both services read them: the stored shape and who is on call at an instant
 * ({@link dev.vigil.common.oncall.OnCallRotation}).
 */
package dev.vigil.common.oncall;
