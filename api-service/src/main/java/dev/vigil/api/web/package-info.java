/** API-wide web concerns: RFC 9457 problem details for every error, and the validation error shape. */
package dev.vigil.api.web;
