"""Nothing acknowledged is lost: not when the process is killed with SIGKILL, not when writers overlap."""
import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from store.db import Database
from store.events import append_events, load_events
from store.shops import ensure_shop

from .helpers import owner

WRITER = """
import asyncio, sys
from store.db import Database
from store.events import append_events
from store.shops import ensure_shop

async def main():
    db = await Database.open(sys.argv[1])
    await ensure_shop(db, 'demo', 'Demo', 'UTC', {})
    for batch in range(10_000):
        events = [{'id': f'{batch}-{i}', 'kind': 'Booked', 'at': float(batch)} for i in range(5)]
        await append_events(db, 'demo', events)
        print(batch, flush=True)  # acknowledged

asyncio.run(main())
"""


async def test_acknowledged_events_survive_sigkill(tmp_path):
    url = f'sqlite+aiosqlite:///{tmp_path / "chairside.db"}'
    root = Path(__file__).resolve().parents[2]
    writer = subprocess.Popen([sys.executable, '-c', WRITER, url], stdout=subprocess.PIPE, text=True, cwd=root,
                              env={**os.environ, 'PYTHONPATH': str(root)})
    assert writer.stdout
    acknowledged = -1
    for line in writer.stdout:
        acknowledged = int(line)
        if acknowledged >= 20:
            break
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    db = await Database.open(url)
    try:
        stored = {event['id'] for event in await load_events(db, 'demo')}
        assert {f'{batch}-{i}' for batch in range(acknowledged + 1) for i in range(5)} <= stored
    finally:
        await db.close()


async def test_overlapping_writers_all_succeed(db):
    shop_id = (await owner(db)).shops[0].shop_id
    await ensure_shop(db, 'second', 'Second', 'UTC', {})
    batches = [[{'id': f'{n}-{i}', 'kind': 'Booked', 'at': float(i)} for i in range(20)] for n in range(8)]
    counts = await asyncio.gather(*(append_events(db, shop_id, batch) for batch in batches),
                                  *(append_events(db, shop_id, batch) for batch in batches))
    assert sum(counts) == 160
    assert len(await load_events(db, shop_id)) == 160
