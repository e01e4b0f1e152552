"""Collection: units, persons, records (with the list's dated status cache), encrypted attachments.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False, index=True),
        sa.Column("uscc", sa.String(18), nullable=False, unique=True),
        sa.Column("legal_representative", sa.String(64), nullable=False),
        sa.Column("qualifications", sa.Text, nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("contact_person", sa.String(64), nullable=False),
        sa.Column("phone", sa.String(64), nullable=False),
    )
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("name_key", sa.String(64), nullable=False, index=True),
        sa.Column("id_type", sa.String(32), nullable=False),
        sa.Column("id_number", sa.String(32), nullable=False, index=True),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("employer_id", sa.Integer, sa.ForeignKey("units.id")),
        sa.Column("post", sa.String(64), nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("phone", sa.String(64), nullable=False),
        sa.UniqueConstraint("id_type", "id_number"),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(32), nullable=False, unique=True),
        sa.Column("subject_kind", sa.String(8), nullable=False),
        sa.Column("subject_id", sa.Integer, nullable=False),
        sa.Column("handler", sa.String(64), nullable=False, index=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("ruleset_id", sa.String(32), nullable=False),
        sa.Column("ruleset_explicit", sa.Boolean, nullable=False),
        sa.Column("basis_type", sa.String(64), nullable=False),
        sa.Column("circumstance", sa.String(64), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("steps", sa.Text, nullable=False),
        sa.Column("collected_on", sa.String(10), index=True),
        sa.Column("events", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("snap_state", sa.String(16), nullable=False, server_default=""),
        sa.Column("snap_next_due", sa.String(64), nullable=False, server_default=""),
        sa.Column("snap_recheck_on", sa.String(10)),
        sa.Column("snap_as_of", sa.String(10)),
    )
    op.create_index("ix_records_subject", "records", ["subject_kind", "subject_id"])
    op.create_index("ix_records_created", "records", ["created_at"])
    # state / circumstance filter, newest first: the first page reads 200 index entries instead of sorting all
    op.create_index("ix_records_state_created", "records", ["snap_state", "created_at"])
    op.create_index("ix_records_circumstance_created", "records", ["circumstance", "created_at"])
    # prepare_list: find the snapshots due for recomputation without scanning every record
    op.create_index("ix_records_recheck", "records", ["snap_recheck_on"])
    op.create_index("ix_records_unsnapped", "records", ["id"], sqlite_where=sa.text("snap_as_of IS NULL"))
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id"), nullable=False, index=True),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("mime", sa.String(32), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("added_at", sa.String(40), nullable=False),
        sa.Column("added_by", sa.String(64), nullable=False),
    )


    op.create_table(
        "subject_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("subject_kind", sa.String(8), nullable=False),
        sa.Column("subject_id", sa.Integer, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_subject_changes_subject", "subject_changes", ["subject_kind", "subject_id"])


def downgrade() -> None:
    op.drop_index("ix_subject_changes_subject", "subject_changes")
    op.drop_table("subject_changes")
    op.drop_table("attachments")
    op.drop_index("ix_records_unsnapped", "records")
    op.drop_index("ix_records_recheck", "records")
    op.drop_index("ix_records_circumstance_created", "records")
    op.drop_index("ix_records_state_created", "records")
    op.drop_index("ix_records_created", "records")
    op.drop_index("ix_records_subject", "records")
    op.drop_table("records")
    op.drop_table("persons")
    op.drop_table("units")
