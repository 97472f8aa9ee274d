"""Each shop engine's state, loaded at start instead of replaying the shop's history.

Revision ID: 0005_engine_states
Revises: 0004_day_aggregates
Create Date: 2026-12-08
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005_engine_states'
down_revision: str | None = '0004_day_aggregates'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'engine_states',
        sa.Column('shop_id', sa.String(64), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], name=op.f('fk_engine_states_shop_id_shops'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('shop_id', name=op.f('pk_engine_states')),
    )


def downgrade() -> None:
    op.drop_table('engine_states')
