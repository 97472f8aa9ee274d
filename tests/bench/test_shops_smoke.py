"""The many-shops bench works end to end: it starts the app with its shops, measures them, and ends with its JSON.

How fast or how big is not asserted (bench figures are printed, never timed in tests); only that the tool measures.
"""
import json

from bench.shops import main, parse_args


async def test_two_sizes_of_shops_are_measured_and_summed_up_on_the_last_line(capsys) -> None:
    results = await main(parse_args(['--shops', '1,2', '--watched', '2', '--seconds', '3', '--idle-seconds', '2']))
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert [r['shops'] for r in last] == [1, 2] and last == results
    for result in results:
        assert 'failed' not in result and 'skipped' not in result, result
        assert result['rss_per_shop_mb'] > 0 and 0 < result['first_page_s'] <= result['ready_s']
        assert result['tick_p95_ms'] > 0 and result['tick_idle_p95_ms'] > 0
        assert result['errors'] == 0 and result['delivery_p95_ms'] is not None  # the dashboards got their ticks
        assert 0 < result['restart_first_page_s'] <= result['restart_ready_s'], result  # started again, on its states
    assert results[1]['watched'] == 2 and 'rss_per_added_shop_mb' in results[1]
