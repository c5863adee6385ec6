-- Issue 18: incidents a person declares (no monitor; a title, a severity and the status-page components they affect),
-- titles of their own for monitor-opened incidents and their link to a declared one (many monitors, one customer
-- incident), the impact each public update set, and postmortems.

ALTER TABLE incidents ALTER COLUMN monitor_id DROP NOT NULL;
ALTER TABLE incidents DROP CONSTRAINT incidents_kind_check;
ALTER TABLE incidents ADD CONSTRAINT incidents_kind_check
    CHECK (kind IN ('DOWN', 'HEARTBEAT_MISSED', 'HEARTBEAT_FAILED', 'DECLARED'));
-- A declared incident is exactly one without a monitor.
ALTER TABLE incidents ADD CONSTRAINT incidents_declared_without_monitor
    CHECK ((kind = 'DECLARED') = (monitor_id IS NULL));
-- Shown instead of the generated "<component> outage"; required for declared incidents.
ALTER TABLE incidents ADD COLUMN title text CHECK (length(title) BETWEEN 1 AND 200);
-- Statuspage's impact words; null for monitor-opened incidents (they count as major).
ALTER TABLE incidents ADD COLUMN severity text CHECK (severity IN ('minor', 'major', 'critical'));
-- A monitor-opened incident told to the public as part of a declared one. A declared incident links to nothing.
ALTER TABLE incidents ADD COLUMN declared_incident_id uuid REFERENCES incidents (id) ON DELETE SET NULL;
ALTER TABLE incidents ADD CONSTRAINT incidents_link_from_monitor_only
    CHECK (declared_incident_id IS NULL OR kind <> 'DECLARED');
ALTER TABLE incidents ADD CONSTRAINT incidents_declared_titled CHECK (kind <> 'DECLARED' OR title IS NOT NULL);
CREATE INDEX incidents_declared_link_idx ON incidents (declared_incident_id) WHERE declared_incident_id IS NOT NULL;

-- The components a declared incident affects, with their current impact (operational once the incident resolved or
-- an update said so). The history of impacts is in incident_updates.component_impacts.
CREATE TABLE incident_components (
    incident_id  uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    component_id uuid NOT NULL REFERENCES status_page_components (id) ON DELETE CASCADE,
    impact       text NOT NULL CHECK (impact IN ('operational', 'degraded_performance', 'partial_outage',
                                                 'major_outage')),
    PRIMARY KEY (incident_id, component_id)
);
CREATE INDEX incident_components_component_idx ON incident_components (component_id);

-- What an update changed: [{"componentId","impact"}] (null: it changed no impact).
ALTER TABLE incident_updates ADD COLUMN component_impacts jsonb;

-- A resolved incident's postmortem, in Markdown as the author wrote it; rendered (CommonMark, then sanitised) when
-- shown. Public on the status pages' incident page only while published_at is set.
CREATE TABLE incident_postmortems (
    incident_id    uuid PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
    workspace_id   uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    body           text        NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
    author_label   text        NOT NULL,
    updated_at     timestamptz NOT NULL,
    published_at   timestamptz
);
