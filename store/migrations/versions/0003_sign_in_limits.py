"""Sign-in limits: login_attempts indexed by address (the flood limit) and by time (pruning the whole table).

Revision ID: 0003_sign_in_limits
Revises: 0001
Create Date: 2026-12-06
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0003_sign_in_limits'
down_revision: str | None = '0002_tokens_and_sessions'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_login_attempts_client_at', 'login_attempts', ['client_address', 'at'])
    op.create_index('ix_login_attempts_at', 'login_attempts', ['at'])


def downgrade() -> None:
    op.drop_index('ix_login_attempts_at', 'login_attempts')
    op.drop_index('ix_login_attempts_client_at', 'login_attempts')
