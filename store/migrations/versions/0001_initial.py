"""Initial schema: shops, accounts, tokens, events, notifications, conversations, settings, lockout.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')
WHEN = sa.DateTime(timezone=True)


def _fk(column: str, table: str, source: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{table}.id'], name=op.f(f'fk_{source}_{column}_{table}'),
                                   ondelete='CASCADE')


def _token_table(name: str) -> None:
    op.create_table(
        name,
        sa.Column('id', sa.String(32), nullable=False),
        sa.Column('shop_id', sa.String(64), nullable=False),
        sa.Column('name', sa.String(100), nullable=False),
        sa.Column('token_hash', sa.String(64), nullable=False),
        sa.Column('created_at', WHEN, nullable=False),
        sa.Column('revoked_at', WHEN, nullable=True),
        _fk('shop_id', 'shops', name),
        sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}')),
        sa.UniqueConstraint('token_hash', name=op.f(f'uq_{name}_token_hash')),
    )
    op.create_index(op.f(f'ix_{name}_shop_id'), name, ['shop_id'])


def upgrade() -> None:
    op.create_table(
        'shops',
        sa.Column('id', sa.String(64), nullable=False),
        sa.Column('name', sa.String(200), nullable=False),
        sa.Column('timezone', sa.String(64), nullable=False),
        sa.Column('profile', JSON, nullable=False),
        sa.Column('mode', sa.String(8), nullable=False),
        sa.Column('created_at', WHEN, nullable=False),
        sa.CheckConstraint("mode IN ('demo', 'live')", name=op.f('ck_shops_mode')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_shops')),
    )
    op.create_table(
        'users',
        sa.Column('id', sa.String(32), nullable=False),
        sa.Column('email', sa.String(320), nullable=False),
        sa.Column('password_hash', sa.String(255), nullable=True),
        sa.Column('supabase_user_id', sa.String(64), nullable=True),
        sa.Column('must_change_password', sa.Boolean(), nullable=False),
        sa.Column('created_at', WHEN, nullable=False),
        sa.CheckConstraint('email = lower(email)', name=op.f('ck_users_email_lowercase')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
        sa.UniqueConstraint('email', name=op.f('uq_users_email')),
        sa.UniqueConstraint('supabase_user_id', name=op.f('uq_users_supabase_user_id')),
    )
    op.create_table(
        'memberships',
        sa.Column('user_id', sa.String(32), nullable=False),
        sa.Column('shop_id', sa.String(64), nullable=False),
        sa.Column('role', sa.String(8), nullable=False),
        sa.CheckConstraint("role IN ('owner', 'staff')", name=op.f('ck_memberships_role')),
        _fk('shop_id', 'shops', 'memberships'),
        _fk('user_id', 'users', 'memberships'),
        sa.PrimaryKeyConstraint('user_id', 'shop_id', name=op.f('pk_memberships')),
    )
    op.create_index(op.f('ix_memberships_shop_id'), 'memberships', ['shop_id'])
    _token_table('api_tokens')
    _token_table('kiosk_tokens')
    op.create_table(
        'events',
        sa.Column('shop_id', sa.String(64), nullable=False),
        sa.Column('id', sa.String(64), nullable=False),
        sa.Column('kind', sa.String(32), nullable=False),
        sa.Column('at', sa.Float(), nullable=False),
        sa.Column('payload', JSON, nullable=False),
        _fk('shop_id', 'shops', 'events'),
        sa.PrimaryKeyConstraint('shop_id', 'id', name=op.f('pk_events')),
    )
    op.create_index('ix_events_shop_id_at', 'events', ['shop_id', 'at'])
    op.create_table(
        'notifications',
        sa.Column('id', sa.String(32), nullable=False),
        sa.Column('shop_id', sa.String(64), nullable=False),
        sa.Column('kind', sa.String(32), nullable=False),
        sa.Column('priority', sa.String(16), nullable=False),
        sa.Column('title', sa.String(200), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('action', sa.String(200), nullable=True),
        sa.Column('at', sa.Float(), nullable=False),
        _fk('shop_id', 'shops', 'notifications'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    )
    op.create_index('ix_notifications_shop_id_at', 'notifications', ['shop_id', 'at'])
    op.create_table(
        'notification_reads',
        sa.Column('notification_id', sa.String(32), nullable=False),
        sa.Column('user_id', sa.String(32), nullable=False),
        sa.Column('read_at', WHEN, nullable=False),
        _fk('notification_id', 'notifications', 'notification_reads'),
        _fk('user_id', 'users', 'notification_reads'),
        sa.PrimaryKeyConstraint('notification_id', 'user_id', name=op.f('pk_notification_reads')),
    )
    op.create_index(op.f('ix_notification_reads_user_id'), 'notification_reads', ['user_id'])
    op.create_table(
        'conversations',
        sa.Column('id', sa.String(32), nullable=False),
        sa.Column('shop_id', sa.String(64), nullable=False),
        sa.Column('user_id', sa.String(32), nullable=False),
        sa.Column('title', sa.String(200), nullable=False),
        sa.Column('created_at', WHEN, nullable=False),
        sa.Column('updated_at', WHEN, nullable=False),
        _fk('shop_id', 'shops', 'conversations'),
        _fk('user_id', 'users', 'conversations'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_conversations')),
    )
    op.create_index('ix_conversations_shop_id_user_id', 'conversations', ['shop_id', 'user_id'])
    op.create_index(op.f('ix_conversations_user_id'), 'conversations', ['user_id'])
    op.create_table(
        'messages',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('conversation_id', sa.String(32), nullable=False),
        sa.Column('role', sa.String(16), nullable=False),
        sa.Column('content', sa.Text(), nullable=False),
        sa.Column('meta', JSON, nullable=False),
        sa.Column('feedback', sa.String(8), nullable=True),
        sa.Column('created_at', WHEN, nullable=False),
        sa.CheckConstraint("feedback IS NULL OR feedback IN ('up', 'down')", name=op.f('ck_messages_feedback')),
        sa.CheckConstraint("role IN ('user', 'assistant', 'system')", name=op.f('ck_messages_role')),
        _fk('conversation_id', 'conversations', 'messages'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_messages')),
    )
    op.create_index(op.f('ix_messages_conversation_id'), 'messages', ['conversation_id'])
    op.create_table(
        'shop_settings',
        sa.Column('shop_id', sa.String(64), nullable=False),
        sa.Column('key', sa.String(64), nullable=False),
        sa.Column('value', JSON, nullable=False),
        _fk('shop_id', 'shops', 'shop_settings'),
        sa.PrimaryKeyConstraint('shop_id', 'key', name=op.f('pk_shop_settings')),
    )
    op.create_table(
        'login_attempts',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('email', sa.String(320), nullable=False),
        sa.Column('client_address', sa.String(64), nullable=False),
        sa.Column('at', WHEN, nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempts')),
    )
    op.create_index('ix_login_attempts_email_client', 'login_attempts', ['email', 'client_address', 'at'])


def downgrade() -> None:
    for table in ('login_attempts', 'shop_settings', 'messages', 'conversations', 'notification_reads',
                  'notifications', 'events', 'kiosk_tokens', 'api_tokens', 'memberships', 'users', 'shops'):
        op.drop_table(table)
