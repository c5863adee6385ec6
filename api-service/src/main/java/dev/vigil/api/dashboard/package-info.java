/**
 * The web dashboard: server-rendered pages (Thymeleaf) with htmx for partial updates and polling, behind a session
 * login with CSRF protection. Every change goes through the same application services as the public API (monitor
 * editor, member roster, API keys, channels, status pages, incident updates), acting as the signed-in person in the
 * workspace they chose, so the validation rules, role rules, tenant isolation and audit entries are the API's. No
 * page calls a REST controller. Sub-packages hold one page group each; this package holds the sign-in, the session's
 * caller and what every page shares.
 */
package dev.vigil.api.dashboard;
