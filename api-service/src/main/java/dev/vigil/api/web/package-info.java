/**
 * API-wide web concerns: RFC 9457 problem details for every error (controllers, filters, the container's error path),
 * the validation error shape and its text rules, strict JSON reading, a request size limit, paging, and the API's own
 * settings ({@code vigil.api.*}).
 */
package dev.vigil.api.web;
