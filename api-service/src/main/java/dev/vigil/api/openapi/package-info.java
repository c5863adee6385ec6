/**
 * The OpenAPI document of the public API, generated from the controllers (springdoc), with the key scheme and the
 * problem+json error answers added to every operation.
 */
package dev.vigil.api.openapi;
