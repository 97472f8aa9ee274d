"""The forecast's backtest and the planner's bench work end to end (their figures are printed, never asserted: the
goals are in the README)."""
import json

from bench import forecast, plan


def test_the_forecast_backtest_prints_its_error_against_the_naive_forecast_and_its_coverage(capsys) -> None:
    result = forecast.main(['--seeds', '7', '--weeks', '1', '--history', '60'])
    assert 0 < result['mape'] < 1 and 0 < result['naive_mape'] < 1 and 0 <= result['coverage'] <= 1
    assert result['cpu_ms_p50'] > 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1]) == result


def test_the_plan_bench_runs_a_plan_in_workers_and_prints_its_time_and_the_change(capsys) -> None:
    result = plan.main(['--weeks', '1', '--seeds', '2', '--idle', '0.2'])
    assert result['wall_s'] > 0 and set(result['change']) == {'revenue', 'visits', 'walk_outs', 'average_wait',
                                                              'utilization'}
    assert json.loads(capsys.readouterr().out.splitlines()[-1]) == result
