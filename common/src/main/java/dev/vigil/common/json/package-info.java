/** The JSON mapping of wire messages, shared so every service reads and writes them the same way. */
package dev.vigil.common.json;
