"""Users, roles on the organisation tree, API tokens and the audit log."""
