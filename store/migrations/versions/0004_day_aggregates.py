"""Per-day aggregates of each shop's analytics, and the state they carry from day to day.

Revision ID: 0004_day_aggregates
Revises: 0001
Create Date: 2026-12-06
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004_day_aggregates'
down_revision: str | None = '0003_sign_in_limits'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _shop_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], name=op.f(f'fk_{table}_shop_id_shops'),
                                   ondelete='CASCADE')


def upgrade() -> None:
    op.create_table(
        'day_aggregates',
        sa.Column('shop_id', sa.String(64), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('definitions', sa.Integer(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        _shop_fk('day_aggregates'),
        sa.PrimaryKeyConstraint('shop_id', 'day', name=op.f('pk_day_aggregates')),
    )
    op.create_table(
        'aggregate_states',
        sa.Column('shop_id', sa.String(64), nullable=False),
        sa.Column('definitions', sa.Integer(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
        _shop_fk('aggregate_states'),
        sa.PrimaryKeyConstraint('shop_id', name=op.f('pk_aggregate_states')),
    )


def downgrade() -> None:
    op.drop_table('aggregate_states')
    op.drop_table('day_aggregates')
