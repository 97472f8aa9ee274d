"""The figures of one run, from the sessions' own records, and the table that ends the bench's output."""
from collections import defaultdict
from collections.abc import Iterable

from bench.live_client import Session


def pct(values: Iterable[float], q: float) -> float | None:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else None


def ms(value: float | None) -> str:
    return '-' if value is None else f'{value * 1000:.0f}'


def delivery(sessions: list[Session], start: float, end: float) -> dict:
    """Per shop and tick (named by its snapshot's wall time), each session's arrival minus when the engine took it.

    Only ticks taken in [start, end) (wall clock). A session that never got a tick's stamp missed that tick: its page
    went from the tick before straight to a later one (NiceGUI's outbox merged the two updates).
    """
    arrivals: dict[tuple[int, float], list[float]] = defaultdict(list)
    pages = defaultdict(int)  # per shop
    for session in sessions:
        pages[session.shop] += 1
        for made, arrived in session.ticks.items():
            arrivals[session.shop, made].append(arrived)
    delays, made_times, missed, expected = [], defaultdict(list), 0, 0
    for (shop, made), times in arrivals.items():
        if not start <= made < end:
            continue
        made_times[shop].append(made)
        delays += [t - made for t in times]
        missed += pages[shop] - len(times)
        expected += pages[shop]
    periods = [b - a for times in made_times.values() for a, b in zip(sorted(times), sorted(times)[1:], strict=False)]
    return {'ticks': sum(map(len, made_times.values())), 'delay_p50': pct(delays, 0.5), 'delay_p95': pct(delays, 0.95),
            'delay_max': max(delays, default=None), 'missed_share': missed / expected if expected else None,
            'tick_period_max': max(periods, default=None), 'tick_gaps_over_1500ms': sum(p > 1.5 for p in periods)}


def element_counts(sessions: list[Session]) -> dict[str, float]:
    """How often each element id came in an update, per session: the same ids on every page of one kind."""
    totals: dict[str, int] = defaultdict(int)
    for session in sessions:
        for element_id, count in session.updated_elements.items():
            totals[element_id] += count
    return {k: round(v / max(1, len(sessions)), 1) for k, v in sorted(totals.items(), key=lambda kv: int(kv[0]))}


COLUMNS = [
    ('sessions', 'sessions', '{}'), ('kind', 'kind', '{}'), ('shops', 'shops', '{}'),
    ('server CPU %', 'cpu_percent', '{:.0f}'), ('RSS MB before/after', 'rss', '{}'),
    ('RSS/session KB', 'rss_per_session_kb', '{:.0f}'), ('delivery p50/p95/max ms', 'delivery', '{}'),
    ('missed ticks %', 'missed_percent', '{:.1f}'), ('longest tick gap ms', 'tick_gap', '{}'),
    ('bytes/s/session', 'bytes_per_second', '{:.0f}'), ('open GET/connect/1st update p50 ms', 'open_p50', '{}'),
    ('1st update max ms', 'open_max', '{}'), ('disconnects', 'disconnects', '{}'), ('errors', 'errors', '{}'),
    ('bench CPU % / loop lag max ms', 'bench', '{}'),
]


def row(result: dict) -> dict[str, str]:
    f = result['delivery']
    p = result['probes']
    cells = {
        **result,
        'rss': f"{result['rss_before_mb']:.0f} / {result['rss_after_mb']:.0f}",
        'delivery': f"{ms(f['delay_p50'])} / {ms(f['delay_p95'])} / {ms(f['delay_max'])}",
        'missed_percent': None if f['missed_share'] is None else f['missed_share'] * 100,
        'tick_gap': ms(f['tick_period_max']),
        'open_p50': f"{ms(p['get_p50'])} / {ms(p['connect_p50'])} / {ms(p['first_update_p50'])}",
        'open_max': ms(p['first_update_max']),
        'bench': f"{result['bench_cpu_percent']:.0f} / {ms(result['bench_lag_max'])}",
    }
    return {title: '-' if cells.get(key) is None else fmt.format(cells[key]) for title, key, fmt in COLUMNS}


def table(results: list[dict]) -> str:
    lines = ['| ' + ' | '.join(title for title, _, _ in COLUMNS) + ' |', '|' + '---|' * len(COLUMNS)]
    lines += ['| ' + ' | '.join(row(r).values()) + ' |' for r in results]
    return '\n'.join(lines)


def churn_table(results: list[dict]) -> str:
    lines = ['| sessions x rounds | opens | failed opens | RSS MB before / peak / after settling | '
             'health sessions before / after | allocator | memory sweeps (last, s) | seconds | '
             'RSS MB after each round |',
             '|---|---|---|---|---|---|---|---|---|']
    for r in results:
        lines.append(f"| {r['sessions']} x {r['rounds']} | {r['opens']} | {r['failed']} | {r['rss_before_mb']:.0f} / "
                     f"{r['rss_loaded_mb']:.0f} / {r['rss_after_mb']:.0f} | {r['health_before']} / {r['health_after']} "
                     f"| {r['allocator']} | {r['sweeps']} ({r['last_sweep_seconds']}) | {r['seconds']:.0f} | "
                     f"{' '.join(map(str, r['rss_by_round_mb']))} |")
    return '\n'.join(lines)


CHAT_COLUMNS = ['sessions', 'chats', 'asked / started / completed / partial / refused', 'streaming at once (mean)',
                'tokens/s per chat / per stream', 'first token p50/max ms',
                "chatting dashboards' delivery p50/p95/max ms"]


def chat_table(results: list[dict]) -> str:
    """The chats of the runs that had them: whether answers kept streaming at the stand-in's rate."""
    lines = ['| ' + ' | '.join(CHAT_COLUMNS) + ' |', '|' + '---|' * len(CHAT_COLUMNS)]
    for r in results:
        c, d = r['chats'], r['chat_delivery']
        per_stream = '-' if c['words_per_stream_second'] is None else f"{c['words_per_stream_second']:.1f}"
        cells = [r['sessions'], c['chats'], f"{c['asked']} / {c['started']} / {c['completed']} / {c['partial']} / "
                 f"{c['refused']}", f"{c['streams_mean']:.1f}", f"{c['words_per_chat_second']:.1f} / {per_stream}",
                 f"{ms(c['first_word_p50'])} / {ms(c['first_word_max'])}",
                 f"{ms(d['delay_p50'])} / {ms(d['delay_p95'])} / {ms(d['delay_max'])}"]
        lines.append('| ' + ' | '.join(map(str, cells)) + ' |')
    return '\n'.join(lines)
