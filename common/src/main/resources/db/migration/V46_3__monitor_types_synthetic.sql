-- Issue 17: API_STEPS and BROWSER monitors. The type list of V1 is replaced by a shape check: the api validates
-- types (MonitorDefinitions), and several changes adding types at once cannot then undo each other's lists.
ALTER TABLE monitors DROP CONSTRAINT IF EXISTS monitors_type_check;
ALTER TABLE monitors ADD CONSTRAINT monitors_type_check CHECK (type ~ '^[A-Z][A-Z0-9_]{1,31}$');
