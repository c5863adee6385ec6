/**
 * Maintenance windows as the scheduler sees them: which monitor is covered at which instant. A round whose scheduled
 * instant falls inside a window covering its monitor is not sent; the decision is made per round from the window's
 * times, so a window starting or ending needs no notification to take effect.
 */
package dev.vigil.scheduler.maintenance;
