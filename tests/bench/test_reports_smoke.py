"""The reports bench works end to end and the aggregates stay small. How fast is printed by the bench, never asserted;
memory is not the machine's speed: 120 days of the demo shop must stay well under the 1 MB a shop may spend on them
(issue 22 keeps a thousand shops in one process)."""
from bench.reports import main


def test_the_reports_bench_prints_every_figure_and_120_days_stay_under_a_megabyte(capsys) -> None:
    result = main(['--days', '130', '--rounds', '3'])
    assert result['events'] > 20_000 and result['apply_us_per_event'] > 0
    assert set(result['report_12m_ms']) == {'None', 'barber', 'service', 'weekday', 'hour', 'day'}
    assert all(timing['p95'] > 0 for timing in result['report_12m_ms'].values())
    assert 100 < result['memory_120_days_kb'] < 1024
    assert 0 < result['stored_kb_per_shop_year'] < 1024
    assert capsys.readouterr().out.splitlines()[-1].startswith('{"days": 130')
