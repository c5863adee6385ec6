/**
 * API keys: random secrets shown once at creation and stored only as a SHA-256 hash (a fast hash is enough for 192
 * random bits), with a clear prefix so people can tell keys apart; revocable at once; last use recorded. A key has a
 * role and acts with the lesser of it and its creator's current role in the workspace, so it dies with its creator's
 * membership.
 */
package dev.vigil.api.apikey;
