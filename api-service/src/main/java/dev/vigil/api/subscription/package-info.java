/**
 * Email subscribers of public status pages: double opt-in (a confirmation link), an unsubscribe link in every mail,
 * and the mails themselves (incident updates, maintenance announcements) sent with Spring Mail. Independent of the
 * workspace's alert channels: subscribers are members of the public, not of the workspace.
 */
package dev.vigil.api.subscription;
