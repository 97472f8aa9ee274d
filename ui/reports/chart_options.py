"""The charts' ECharts options, from a report: plain data, so they are built once and tested without a browser."""
from engine import words
from engine.analytics import FIGURES, Report
from engine.analytics.tables import WEEKDAYS, key_text

WEEKLY_AFTER = 62  # days: a longer period's trend is drawn per week, or its bars would be hairs
PRIMARY, PREVIOUS = '#1976d2', '#9e9e9e'


def trend(by_day: Report, name: str) -> dict:
    """A figure per day (or week) of the period, with the period before overlaid on the same positions."""
    label = FIGURES[name].label
    days = _values(by_day, name)
    previous = _values(by_day.previous, name) if by_day.previous else []
    weekly = len(days) > WEEKLY_AFTER
    if weekly:
        days, previous = _weeks(days), _weeks(previous)
    x = [('Week of ' if weekly else '') + words.day_label(day) for day, _ in days]
    series = [{'name': label, 'type': 'bar', 'data': [value for _, value in days], 'color': PRIMARY}]
    if previous:
        series.append({'name': 'Period before', 'type': 'line', 'data': [value for _, value in previous][:len(x)],
                       'color': PREVIOUS, 'lineStyle': {'type': 'dashed'}, 'symbol': 'none'})
    return {'tooltip': {'trigger': 'axis'}, 'legend': {'bottom': 0},
            'grid': {'left': 50, 'right': 10, 'top': 30, 'bottom': 50},
            'title': {'text': f'{label} per {"week" if weekly else "day"}', 'textStyle': {'fontSize': 14}},
            'xAxis': {'type': 'category', 'data': x}, 'yAxis': {'type': 'value'}, 'series': series}


def heatmap(cells: dict[tuple[int, int], int]) -> dict:
    """Visits by weekday (rows) and hour (columns): where the week is busy."""
    hours = list(range(min(h for _, h in cells), max(h for _, h in cells) + 1)) if cells else []
    data = [[hours.index(h), w, visits] for (w, h), visits in sorted(cells.items())]
    return {'tooltip': {'position': 'top'},
            'title': {'text': 'Visits by weekday and hour', 'textStyle': {'fontSize': 14}},
            'grid': {'left': 90, 'right': 10, 'top': 30, 'bottom': 60},
            'xAxis': {'type': 'category', 'data': [f'{h:02d}' for h in hours], 'splitArea': {'show': True}},
            'yAxis': {'type': 'category', 'data': list(WEEKDAYS), 'inverse': True, 'splitArea': {'show': True}},
            'visualMap': {'min': 0, 'max': max(cells.values(), default=1), 'calculable': True, 'orient': 'horizontal',
                          'left': 'center', 'bottom': 0, 'itemHeight': 120},
            'series': [{'name': 'Visits', 'type': 'heatmap', 'data': data, 'label': {'show': False}}]}


def bars(report: Report, name: str) -> dict:
    """A figure per barber or service, largest at the top."""
    assert report.by is not None
    rows = sorted(((key_text(report.by, row.key), row.figures.get(name) or 0) for row in report.rows),
                  key=lambda row: row[1])
    rows = [row for row in rows if row[1]]
    return {'tooltip': {'trigger': 'axis'},
            'title': {'text': f'{FIGURES[name].label} by {report.by}', 'textStyle': {'fontSize': 14}},
            'grid': {'left': 110, 'right': 20, 'top': 30, 'bottom': 20},
            'xAxis': {'type': 'value'}, 'yAxis': {'type': 'category', 'data': [key for key, _ in rows]},
            'series': [{'name': FIGURES[name].label, 'type': 'bar', 'color': PRIMARY,
                        'data': [round(value, 2) for _, value in rows]}]}


def _values(report: Report, name: str) -> list[tuple]:
    return [(row.key, row.figures.get(name) or 0) for row in report.rows]


def _weeks(days: list[tuple]) -> list[tuple]:
    """Sums of seven days from the first (the last week may be shorter)."""
    return [(days[i][0], round(sum(value for _, value in days[i:i + 7]), 2)) for i in range(0, len(days), 7)]
