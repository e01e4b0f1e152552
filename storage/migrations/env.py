"""Alembic environment: always run programmatically on an already keyed connection (see storage.migrate)."""

from alembic import context

from storage.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
