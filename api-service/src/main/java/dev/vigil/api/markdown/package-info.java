/**
 * Markdown tenants write (postmortems) turned into HTML that is safe to put on a public page: CommonMark, then an
 * allow-list sanitiser, so no raw HTML, script, event handler or {@code javascript:} link from a tenant survives.
 */
package dev.vigil.api.markdown;
