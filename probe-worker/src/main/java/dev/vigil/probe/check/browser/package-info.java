/**
 * BROWSER checks: a real Chromium (Debian's, driven by its chromedriver through Selenium) runs a fixed list of
 * declarative steps. Each run gets a fresh profile, a place in a small pool of its own, a hard timeout that kills the
 * browser's process tree, and a loopback proxy of its own ({@code GuardedProxy}) through which every request the page
 * makes is vetted by the SSRF guard.
 */
package dev.vigil.probe.check.browser;
