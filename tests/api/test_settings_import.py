"""The settings card: the owner switches the shop to live (confirmed), imports a CSV with a progress bar, sees every
rejected row, and a re-import adds nothing. The CLI does the same from a terminal."""
import os
import subprocess
import sys
from pathlib import Path

from nicegui import app, ui
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User

from engine import SimClock
from store.events import load_events
from ui.settings import data_import as settings_import

from .helpers import NOW
from .live_app import prepare

ROOT = Path(__file__).parents[2]
CSV = ('date,time,barber,service,price,tip,status\n'
       '2026-11-17,10:00,Marco,Haircut,35,5,completed\n'
       '2026-11-17,11:00,Dee,Skin fade,40,0,completed\n'
       '2026-11-17,12:00,Bob,Haircut,35,0,completed\n'
       '2026-11-17,12:30,Sam,Beard trim,,,no-show\n'
       '2026-11-17,13:00,Sam,Haircut,-5,0,completed\n')


async def open_card(user: User) -> str:
    from tests.ui.helpers import sign_up_owner
    await sign_up_owner(user)
    app.state.shops.real_clock = SimClock(start=NOW)
    (shop_id,) = app.state.shops.engines

    @ui.page('/data-source')
    async def page() -> None:
        await settings_import.create(app.state.shops, shop_id)
    await user.open('/data-source')
    return shop_id


async def upload(user: User, text: str) -> None:
    (element,) = user.find(marker='import-upload').elements
    await element.handle_uploads([SmallFileUpload('visits.csv', 'text/csv', text.encode())])


async def test_the_owner_switches_to_live_imports_a_file_sees_the_rejected_rows_and_a_reimport_adds_nothing(user: User):
    shop_id = await open_card(user)
    await user.should_see('Demo: the dashboard shows a simulated shop')
    await user.should_not_see('Import past appointments')
    user.find(marker='switch-mode').click()
    await user.should_see('Switch to live mode? The simulated figures disappear')
    user.find(marker='confirm-yes').click()
    await user.should_see('Live: the dashboard shows only the real events')
    engine = app.state.shops.engines[shop_id]
    assert engine.feed is None and engine.metrics.events_applied == 0

    await upload(user, CSV)
    await user.should_see('3 of 5 rows imported (10 new events); 2 rejected: fix them and import the file again.')
    (table,) = user.find(marker='import-rejected').elements
    assert [(row['line'], row['reason'][:20]) for row in table.rows] == [(4, 'Unknown barber "Bob"'),
                                                                        (6, 'Price "-5" must be a')]
    snapshot = app.state.shops.engines[shop_id].snapshot()
    assert snapshot.last_week.revenue == 75.0 and snapshot.last_week.tips == 5.0  # Tuesday 17th, as seen on the 24th
    assert len(await load_events(app.state.shops.store, shop_id)) == 10

    await upload(user, CSV)
    await user.should_see('3 of 5 rows imported (0 new events, 10 were there already); 2 rejected')
    assert len(await load_events(app.state.shops.store, shop_id)) == 10
    assert app.state.shops.engines[shop_id].metrics.events_applied == 10


async def test_switching_back_to_demo_is_confirmed_and_cancelling_changes_nothing(user: User):
    shop_id = await open_card(user)
    user.find(marker='switch-mode').click()
    await user.should_see(marker='confirm-dialog')
    user.find(marker='confirm-cancel').click()
    await user.should_see('Demo: the dashboard shows a simulated shop')
    assert app.state.shops.engines[shop_id].feed is not None


def test_the_command_line_imports_prints_the_report_and_refuses_a_demo_shop(tmp_path: Path):
    live = prepare(tmp_path / 'live')
    (tmp_path / 'visits.csv').write_text(CSV)
    command = [sys.executable, 'scripts/import_csv.py', str(tmp_path / 'visits.csv')]
    env = {**os.environ, 'CHAIRSIDE_DATA_DIR': str(tmp_path / 'live')}
    first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == 1, first.stderr  # some rows were rejected; the others went in
    assert 'Live Cuts: 5 rows, 3 to import (10 events), 2 rejected' in first.stdout
    assert '10 new events stored, 0 were there already' in first.stdout
    assert 'line 4: Unknown barber "Bob"' in first.stdout and 'line 6: Price "-5"' in first.stdout
    assert '10/10' in first.stderr  # tqdm's bar
    again = subprocess.run(command + ['--shop', live.id], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert '0 new events stored, 10 were there already' in again.stdout

    prepare(tmp_path / 'demo', mode='demo')
    demo = subprocess.run(command, cwd=ROOT, env={**env, 'CHAIRSIDE_DATA_DIR': str(tmp_path / 'demo')},
                          capture_output=True, text=True, timeout=60)
    assert demo.returncode == 2 and 'runs the demo simulation' in demo.stderr
