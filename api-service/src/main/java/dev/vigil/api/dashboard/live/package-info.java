/**
 * Live dashboard pages: the API instance LISTENs on PostgreSQL's {@code dashboard_events} channel (fed by triggers on
 * monitors, results and incidents) and pushes each event to the open pages of its workspace as server-sent events,
 * one stream per page, resumable with {@code Last-Event-ID} from a short replay buffer, else told to refetch.
 */
package dev.vigil.api.dashboard.live;
