"""Initial schema: clients, managers, tasks, contacts, the append-only history, sales, commands.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from engine.store.types import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, UTCDateTime(timezone=True), nullable=nullable)


def _text(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.String(), nullable=nullable)


def upgrade() -> None:
    _commands_managers_versions()
    _clients()
    _history_and_sales()
    _tasks_and_contacts()
    _append_only_history()


def _commands_managers_versions() -> None:
    op.create_table(
        "command",
        _text("key"),
        _text("actor"),
        _text("request_hash"),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response", _json(), nullable=False),
        _when("created_at"),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "manager",
        sa.Column("id", sa.Integer(), nullable=False),
        _text("login"),
        _text("name"),
        _text("role"),
        _text("timezone", nullable=True),
        _when("created_at"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_manager_login", "manager", ["login"], unique=True)
    op.create_table(
        "regulation_version",
        sa.Column("id", sa.Integer(), nullable=False),
        _text("regulation"),
        _text("version"),
        _text("tag"),
        _text("digest"),
        _when("loaded_at"),
        sa.Column("files", _json(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tag"),
    )


def _clients() -> None:
    op.create_table(
        "client",
        sa.Column("id", sa.Integer(), nullable=False),
        _text("external_id", nullable=True),
        _text("name"),
        _text("stage"),
        _when("stage_since"),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("card", _json(), nullable=False),
        _text("potential", nullable=True),
        _text("timezone"),
        _when("created_at"),
        _when("updated_at"),
        sa.Column("version", sa.Integer(), nullable=False),
        _when("last_contact_at", nullable=True),
        sa.Column("contacts_count", sa.Integer(), nullable=False),
        _text("next_action", nullable=True),
        sa.Column("next_due_date", sa.Date(), nullable=True),
        sa.Column("next_due_time", sa.Time(), nullable=True),
        sa.ForeignKeyConstraint(["owner_id"], ["manager.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("external_id"),
    )
    op.create_index("ix_client_owner_id", "client", ["owner_id"])
    op.create_index("ix_client_stage", "client", ["stage"])


def _history_and_sales() -> None:
    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        _when("at"),
        _text("actor"),
        _text("kind"),
        _text("trigger", nullable=True),
        _text("from_stage", nullable=True),
        _text("to_stage", nullable=True),
        _text("regulation"),
        sa.Column("data", _json(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_history_client_id", "history", ["client_id"])
    op.create_table(
        "sale",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        _text("product", nullable=True),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("margin", sa.Float(), nullable=True),
        _text("document", nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sale_client_month", "sale", ["client_id", "month"])


def _tasks_and_contacts() -> None:
    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        _text("kind"),
        _text("action"),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("due_time", sa.Time(), nullable=True),
        _text("status"),
        _when("created_at"),
        _text("created_by"),
        _when("closed_at", nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_task_client_status", "task", ["client_id", "status"])
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        _text("manager"),
        _text("kind"),
        _text("result"),
        _text("comment"),
        _when("at"),
        _text("stage"),
        _text("refusal_reason", nullable=True),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"]),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_contact_client_id", "contact", ["client_id"])


def _append_only_history() -> None:
    """The history log is append-only: the database itself refuses UPDATE and DELETE."""
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER history_no_{action.lower()} BEFORE {action} ON history "
                "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'history is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER history_no_change BEFORE UPDATE OR DELETE ON history "
        "FOR EACH ROW EXECUTE FUNCTION history_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TRIGGER IF EXISTS history_no_change ON history")
        op.execute("DROP FUNCTION IF EXISTS history_append_only()")
    for table in (
        "contact",
        "task",
        "sale",
        "history",
        "client",
        "regulation_version",
        "manager",
        "command",
    ):
        op.drop_table(table)
