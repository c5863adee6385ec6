-- Issue 18: the language of a status page's fixed words (headings, status labels, the subscribe form), chosen per
-- page. Tenants' own text (titles, component names, updates) is shown as written.
ALTER TABLE status_pages
    ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'de', 'fr', 'es'));
