"""The views each page kind shows of a shop's snapshot, built once per snapshot by the live fan-out (shops/live.py)."""
from coach.figures import describe

from .dashboard import view as dashboard
from .kiosk import view as kiosk

BUILDERS = {'dashboard': dashboard.build, 'kiosk': kiosk.build, 'kiosk_money': kiosk.build_with_money,
            'coach': lambda snapshot, before: describe(snapshot)}
