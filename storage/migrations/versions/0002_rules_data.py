"""Rules data in the store: calendar years, rule sets, issued document numbers.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_years",
        sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("changed_at", sa.String(40), nullable=False),
        sa.Column("changed_by", sa.String(64), nullable=False),
    )
    op.create_table(
        "rulesets",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("added_at", sa.String(40), nullable=False),
        sa.Column("added_by", sa.String(64), nullable=False),
    )
    op.create_table(
        "document_numbers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("prefix", sa.String(32), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("serial", sa.Integer, nullable=False),
        sa.Column("doc_type", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("issued_at", sa.String(40), nullable=False),
        sa.Column("issued_by", sa.String(64), nullable=False),
        sa.Column("object_ref", sa.String(64), nullable=False, server_default=""),
        sa.Column("void_reason", sa.Text, nullable=False, server_default=""),
        sa.UniqueConstraint("prefix", "year", "serial"),
    )
    op.execute("CREATE TRIGGER document_numbers_no_delete BEFORE DELETE ON document_numbers "
                "BEGIN SELECT RAISE(ABORT, 'document numbers are never deleted'); END")


def downgrade() -> None:
    op.execute("DROP TRIGGER document_numbers_no_delete")
    op.drop_table("document_numbers")
    op.drop_table("rulesets")
    op.drop_table("calendar_years")
