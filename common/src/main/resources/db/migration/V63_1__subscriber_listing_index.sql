-- A status page's owner lists its subscribers newest first, a page at a time (GET
-- /api/v1/status-pages/{id}/subscribers, the dashboard's subscriber page): a page of tens of thousands of subscribers
-- is read in that order from here instead of sorted whole for each page.
CREATE INDEX status_page_subscribers_listing_idx ON status_page_subscribers (page_id, created_at DESC, id);
