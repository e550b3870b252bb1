"""Alembic environment: migrations run on the connection `engine.store.migrate` hands over."""

from __future__ import annotations

from alembic import context

from engine.store.tables import METADATA

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `reglament db upgrade`, which passes the connection")

context.configure(
    connection=connection,
    target_metadata=METADATA,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
