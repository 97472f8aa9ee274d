"""The event log's order of arrival: `events.seq`, so the worker that runs a shop reads what others stored after it.

On PostgreSQL a sequence numbers every stored event (existing ones in time order); on SQLite, which runs one
process and no cluster, the column stays empty.

Revision ID: 0006_event_seq
Revises: 0005_engine_states
Create Date: 2026-12-06
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006_event_seq'
down_revision: str | None = '0005_engine_states'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('events', sa.Column('seq', sa.BigInteger(), nullable=True))
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('CREATE SEQUENCE events_seq AS bigint OWNED BY events.seq')
        op.execute("UPDATE events SET seq = numbered.n FROM (SELECT shop_id, id, nextval('events_seq') AS n "
                   'FROM (SELECT shop_id, id FROM events ORDER BY at, id) AS ordered) AS numbered '
                   'WHERE events.shop_id = numbered.shop_id AND events.id = numbered.id')
        op.execute("ALTER TABLE events ALTER COLUMN seq SET DEFAULT nextval('events_seq')")
    op.create_index('ix_events_shop_id_seq', 'events', ['shop_id', 'seq'])


def downgrade() -> None:
    op.drop_index('ix_events_shop_id_seq', 'events')
    op.drop_column('events', 'seq')  # its sequence, owned by the column, goes with it
