"""API token scopes, monitoring tokens, and a session epoch per user (a new password ends older sessions).

Revision ID: 0002_tokens_and_sessions
Revises: 0001
Create Date: 2026-12-08
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002_tokens_and_sessions'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    # tokens made before scopes existed keep doing what they did: post events and read figures
    op.add_column('api_tokens', sa.Column('scopes', sa.String(64), nullable=False, server_default='events figures'))
    op.add_column('users', sa.Column('session_epoch', sa.Integer(), nullable=False, server_default='0'))
    op.create_table(
        'monitor_tokens',
        sa.Column('id', sa.String(32), nullable=False),
        sa.Column('shop_id', sa.String(64), nullable=False),
        sa.Column('name', sa.String(100), nullable=False),
        sa.Column('token_hash', sa.String(64), nullable=False),
        sa.Column('created_at', WHEN, nullable=False),
        sa.Column('revoked_at', WHEN, nullable=True),
        sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], name=op.f('fk_monitor_tokens_shop_id_shops'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_monitor_tokens')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_monitor_tokens_token_hash')),
    )
    op.create_index(op.f('ix_monitor_tokens_shop_id'), 'monitor_tokens', ['shop_id'])


def downgrade() -> None:
    op.drop_table('monitor_tokens')
    with op.batch_alter_table('users') as batch:
        batch.drop_column('session_epoch')
    with op.batch_alter_table('api_tokens') as batch:
        batch.drop_column('scopes')
