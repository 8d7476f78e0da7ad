"""The read API: measurements as JSON with an OpenAPI schema, token authentication, same access rules."""
