"""The live-load bench works end to end: a few kiosk tabs open, receive live updates, and nothing goes wrong.

How fast is not asserted here (bench figures are printed, never timed in tests); only that the tool measures. The
windows are counted in ticks (--ticks): on a slow or busy machine they last longer rather than see less.
"""
from bench.live import main, parse_args


async def test_three_kiosk_sessions_receive_live_updates() -> None:
    (result,) = await main(parse_args(['--sessions', '3', '--seconds', '5', '--ticks', '3', '--shops', '1',
                                       '--kind', 'kiosk']))
    assert result['opened'] == 3
    assert result['sessions_with_updates'] == 3
    assert result['errors'] == 0, result['error_samples']
    assert result['disconnects'] == 0
    assert result['delivery']['ticks'] >= 3  # the shop clock moved on every session, tick after tick
    assert result['delivery']['missed_share'] is not None  # measured (a busy server may merge two ticks' updates)
    assert result['bytes_per_second'] > 0
    assert result['probes']['count'] >= 1 and result['probes']['failed'] == 0
    assert result['cpu_percent'] > 0 and result['rss_after_mb'] > 0


async def test_a_signed_in_dashboard_receives_live_updates() -> None:
    (result,) = await main(parse_args(['--sessions', '2', '--seconds', '4', '--ticks', '2', '--kind', 'dashboard']))
    assert result['sessions_with_updates'] == 2
    assert result['errors'] == 0, result['error_samples']
    assert result['delivery']['ticks'] >= 2


async def test_a_dashboard_chat_streams_an_answer_while_another_dashboard_watches() -> None:
    (result,) = await main(parse_args(['--sessions', '2', '--chats', '1', '--seconds', '6', '--ticks', '2',
                                       '--kind', 'dashboard']))
    assert result['sessions_with_updates'] == 2
    assert result['errors'] == 0, result['error_samples']
    assert result['disconnects'] == 0
    chats = result['chats']
    assert chats['started'] >= 1 and chats['refused'] == 0, chats['refusal_samples']
    assert chats['words_per_chat_second'] > 0  # streamed words reached the chat's page
    assert chats['first_word_p50'] is not None
    assert result['delivery']['ticks'] >= 2  # the dashboards kept ticking meanwhile


async def test_dashboards_of_two_shops_each_pick_their_shop_from_the_user_menu() -> None:
    (result,) = await main(parse_args(['--sessions', '2', '--seconds', '3', '--shops', '2', '--kind', 'dashboard']))
    assert result['shops'] == 2
    assert result['sessions_with_updates'] == 2
    assert result['errors'] == 0, result['error_samples']


async def test_closed_dashboards_give_their_memory_back_to_the_system() -> None:
    (result,) = await main(parse_args(['--churn', '60x1']))
    assert result['failed'] == 0 and result['without_update'] == 0
    assert result['health_after'] == result['health_before']  # every closed page dropped by the server
    assert result['allocator'] == 'malloc'  # main.py restarted itself on glibc's allocator
    taken = result['rss_loaded_mb'] - result['rss_before_mb']
    assert result['rss_loaded_mb'] - result['rss_after_mb'] > taken / 2, result['rss_by_round_mb']
