"""The API routes, one module per concept."""
