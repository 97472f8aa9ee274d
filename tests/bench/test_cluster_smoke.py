"""The cluster bench works end to end: PostgreSQL, HAProxy and two workers, dashboards opened through the proxy (each
browser signed in once, its tabs sent to its shop's worker), and its JSON on the last line.

How fast is not asserted (bench figures are printed, never timed in tests); only that the tool measures, and that
every dashboard opened on a worker that runs its shop and got its ticks.
"""
import json

from bench.cluster import main, parse_args
from tests.cluster.helpers import REAL_CLUSTER


@REAL_CLUSTER
async def test_dashboards_through_the_proxy_on_two_workers_are_measured(capsys) -> None:
    results = await main(parse_args(['--workers', '2', '--sessions', '8', '--shops', '2', '--seconds', '3',
                                     '--ramp', '8']))
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert last == results
    (result,) = results
    assert result['opened'] == 8 and result['failed_opens'] == 0, result['error_samples']
    assert result['delivery_p95_ms'] is not None  # the dashboards got their shops' ticks
    assert set(result['cpu_percent_per_worker']) == {'w1', 'w2'}
