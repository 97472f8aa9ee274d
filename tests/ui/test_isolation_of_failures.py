import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_a_failing_ui_test_fails_alone():
    """What a failed test leaves behind (a started app, its handlers and tasks) must not break the next ones."""
    result = subprocess.run([sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-p', 'no:randomly',
                             'tests/ui/isolation_cases.py'], cwd=ROOT, capture_output=True, text=True, timeout=300)
    summary = result.stdout.strip().splitlines()[-1]
    assert re.search(r'\b1 failed, 2 passed\b', summary) and 'error' not in summary, result.stdout[-3000:]
