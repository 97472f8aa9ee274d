"""Import past appointments from a CSV file into a live shop's store, with a progress bar and the report of every
rejected row. Columns: date, time, barber, service, price, tip, status (completed | cancelled | no-show).

    .venv/bin/python scripts/import_csv.py appointments.csv [--shop SHOP_ID] [--dry-run]

Importing the same file again adds nothing twice. It reads the same settings as the app (CHAIRSIDE_DATABASE_URL,
CHAIRSIDE_DATA_DIR). A running Chairside shows the imported visits after its next start; to see them at once,
import from Settings > Data source instead. Exit status: 0 all rows imported, 1 some rows rejected (the others
were imported), 2 nothing imported (file, shop or database problem).
"""
import argparse
import asyncio
import sys
import time
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).parents[1]))

from engine import ShopProfile  # noqa: E402
from engine.csv_import import CsvError, ParsedFile, parse_appointments  # noqa: E402
from settings import Settings  # noqa: E402
from store.db import Database  # noqa: E402
from store.events import append_in_chunks  # noqa: E402
from store.shops import all_shops  # noqa: E402

DEMO = ('This shop runs the demo simulation; switch it to live mode in Settings > Data source first, '
        'so imported visits are not mixed with simulated ones.')


class Refused(Exception):
    """Nothing was imported; the message says why and what to do."""


async def run(path: Path, shop_id: str | None, dry_run: bool) -> ParsedFile:
    db = await Database.open(Settings().sqlalchemy_url)
    try:
        shop = _choose(await all_shops(db), shop_id)
        if shop.mode != 'live':
            raise Refused(DEMO)
        profile = ShopProfile.from_dict(shop.id, shop.name, shop.timezone, shop.profile)
        try:
            parsed = parse_appointments(path.read_text(encoding='utf-8-sig'), profile, time.time())
        except (CsvError, UnicodeDecodeError) as error:
            raise Refused(f'{path}: {error}') from None
        print(f'{shop.name}: {parsed.rows:,} rows, {parsed.visits:,} to import ({len(parsed.events):,} events), '
              f'{len(parsed.rejected):,} rejected')
        if not dry_run and parsed.events:
            with tqdm(total=len(parsed.events), unit='event', desc='importing') as bar:
                new = await append_in_chunks(db, shop.id, parsed.events, progress=lambda done: bar.update(done - bar.n))
            print(f'{new:,} new events stored, {len(parsed.events) - new:,} were there already')
        return parsed
    finally:
        await db.close()


def _choose(shops: list, shop_id: str | None):
    if shop_id is not None:
        for shop in shops:
            if shop.id == shop_id:
                return shop
        raise Refused(f'No shop has the id {shop_id}. Shops: ' + _names(shops))
    if len(shops) == 1:
        return shops[0]
    raise Refused('Choose the shop with --shop ID. Shops: ' + _names(shops) if shops else
                  'There is no shop yet: start Chairside and create the owner account first.')


def _names(shops: list) -> str:
    return '; '.join(f'{shop.id} ({shop.name}, {shop.mode})' for shop in shops)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('file', type=Path, help='the CSV file')
    parser.add_argument('--shop', help="the shop's id (needed when there are several shops)")
    parser.add_argument('--dry-run', action='store_true', help='check the file and report, store nothing')
    args = parser.parse_args()
    try:
        parsed = asyncio.run(run(args.file, args.shop, args.dry_run))
    except (Refused, OSError, SQLAlchemyError) as error:
        print(error, file=sys.stderr)
        sys.exit(2)
    for row in parsed.rejected:
        print(f'line {row.line}: {row.reason}')
    sys.exit(1 if parsed.rejected else 0)


if __name__ == '__main__':
    main()
