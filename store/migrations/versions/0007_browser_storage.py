"""Browsers' user storage (who is signed in) in the store, so that every worker of a cluster reads the same one.

Only a cluster writes it (cluster/browser_storage.py); one process keeps NiceGUI's files, and on SQLite it stays empty.

Revision ID: 0007_browser_storage
Revises: 0006_event_seq
Create Date: 2026-12-06
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_browser_storage'
down_revision: str | None = '0006_event_seq'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'browser_storage',
        sa.Column('id', sa.String(64), nullable=False),
        sa.Column('data', sa.Text(), nullable=False),
        sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_browser_storage')),
    )


def downgrade() -> None:
    op.drop_table('browser_storage')
