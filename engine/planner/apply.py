"""A shop's model with changes made to it, and what each change assumes, in words the owner reads with the result.

- A barber added works the weekdays given at `speed` x the menu's time, and has no followers of their own yet.
- A barber taken off some days: their followers book anyone on those days. At least one barber must work each open
  day (close the day with its hours instead).
- Hours: an hour the shop newly opens draws NEW_HOURS_DEMAND of the customers of the nearest hour it was open on
  that weekday (of the same hour on the other weekdays, for a day it was closed); customers of hours no longer open
  are lost, not moved to other hours.
- A price: the service's demand x (new price / old price) ** elasticity (ELASTICITY unless the owner gives theirs);
  customers lost do not choose another service instead.
- Rebooking at checkout: more returning visits are booked at the last checkout, so booked instead of walked in (a
  booked client waits for their turn, a walk-in may leave). How often clients come back is held as it was (the
  clientele draws each client's visits ahead), so rebooking's main gain in practice is not counted: a floor.
"""
from dataclasses import replace

from ..profile import Hours
from .changes import EVERY_DAY, WEEKDAYS, AddBarber, Change, PlanError, RemoveBarber, SetHours, SetPrice, SetRebooking
from .learn import RETURNING, ShopModel, arrival_hours

NEW_HOURS_DEMAND = 0.5


def apply(model: ShopModel, changes: list[Change]) -> tuple[ShopModel, list[str]]:
    """The model with the changes made, in order, and what they assume."""
    assumptions: list[str] = []
    for n, change in enumerate(changes):
        handler = {AddBarber: _add_barber, RemoveBarber: _remove_barber, SetHours: _hours, SetPrice: _price,
                   SetRebooking: _rebooking}[type(change)]
        try:
            model = handler(model, change, assumptions)
        except PlanError as error:
            raise PlanError(f'changes[{n}].{error.field}', str(error)) from None
    return model, assumptions


def _days(weekdays: tuple[int, ...]) -> str:
    return 'every day' if tuple(weekdays) == EVERY_DAY else ', '.join(WEEKDAYS[d] for d in weekdays)


def _add_barber(model: ShopModel, change: AddBarber, said: list[str]) -> ShopModel:
    profile, behaviour = model.profile, model.behaviour
    weekdays = tuple(d for d in change.weekdays if d in profile.hours)
    if not weekdays:
        raise PlanError('weekdays', 'Give the days the new barber works: days the shop is open.')
    if not 0.5 <= change.speed <= 2:
        raise PlanError('speed', "A barber's speed is 0.5 to 2 times the menu's time (1: the menu's).")
    name, n = change.name, 2
    while name in profile.barbers:
        name, n = f'{change.name} {n}', n + 1
    said.append(f"{name} works {_days(weekdays)} at {change.speed:g}x the menu's time, with no followers of their "
                'own yet: they take walk-ins and clients who ask for anyone.')
    return replace(model, profile=replace(profile, barbers=(*profile.barbers, name)), behaviour=replace(
        behaviour, speeds={**behaviour.speeds, name: change.speed}, following={**behaviour.following, name: 0.0},
        works={**behaviour.works, name: frozenset(weekdays)}))


def _remove_barber(model: ShopModel, change: RemoveBarber, said: list[str]) -> ShopModel:
    profile, behaviour = model.profile, model.behaviour
    if change.name not in profile.barbers:
        raise PlanError('name', f'No barber is called {change.name!r}: choose one of {", ".join(profile.barbers)}.')
    works = {**behaviour.works, change.name: behaviour.works.get(change.name, frozenset(EVERY_DAY))
             - set(change.weekdays)}
    changed = replace(behaviour, works=works)
    for day in profile.hours:
        if len(changed.off(profile.barbers, day)) == len(profile.barbers):
            raise PlanError('weekdays', f'No barber would work on {WEEKDAYS[day]}: close the day with its opening '
                                        'hours instead.')
    said.append(f'{change.name} is off {_days(change.weekdays)}: their followers book anyone then.')
    return replace(model, behaviour=changed)


def _hours(model: ShopModel, change: SetHours, said: list[str]) -> ShopModel:
    profile, behaviour, day = model.profile, model.behaviour, change.weekday
    hours = dict(profile.hours)
    if change.opens is None and change.closes is None:
        hours.pop(day, None)
        if not hours:
            raise PlanError('weekday', 'The shop must stay open at least one day of the week.')
        said.append(f"Closed on {WEEKDAYS[day]}s: that day's customers are lost, not moved to other days.")
    elif change.opens is None or change.closes is None or change.opens >= change.closes:
        raise PlanError('closes', 'Give the hours as opens and closes, the closing after the opening (e.g. 09:00 '
                                  'and 18:00), or neither to close the day.')
    else:
        hours[day] = Hours(change.opens, change.closes)
        said.append(f'{WEEKDAYS[day]}: open {change.opens:%H:%M} to {change.closes:%H:%M}. Hours newly open draw '
                    f'{NEW_HOURS_DEMAND:.0%} of the customers of the nearest hour it was open; customers of hours no '
                    'longer open are lost.')
    changed = replace(profile, hours=hours)
    rates = [list(row) for row in behaviour.arrivals]
    before, after = arrival_hours(profile, day), arrival_hours(changed, day)
    known = [h for h in before if behaviour.arrivals[day][h] > 0]
    for hour in range(24):
        if hour not in after:
            rates[day][hour] = 0.0
        elif hour not in before or behaviour.arrivals[day][hour] == 0:
            if known:
                nearest = min(known, key=lambda h: abs(h - hour))
                rates[day][hour] = behaviour.arrivals[day][nearest] * NEW_HOURS_DEMAND
            else:
                others = [row[hour] for w, row in enumerate(behaviour.arrivals) if w != day and row[hour] > 0]
                rates[day][hour] = sum(others) / len(others) * NEW_HOURS_DEMAND if others else 0.0
    return replace(model, profile=changed, behaviour=replace(behaviour, arrivals=tuple(map(tuple, rates))))


def _price(model: ShopModel, change: SetPrice, said: list[str]) -> ShopModel:
    profile, behaviour = model.profile, model.behaviour
    names = [s.name for s in profile.services]
    if change.service not in names:
        raise PlanError('service', f'No service is called {change.service!r}: choose one of {", ".join(names)}.')
    if not 0 < change.price <= 10_000:
        raise PlanError('price', 'Give the new price as an amount above 0.')
    if not -5 <= change.elasticity <= 0:
        raise PlanError('elasticity', 'The price elasticity is 0 (demand does not move) to -5; -0.5 is usual.')
    i = names.index(change.service)
    old = profile.services[i]
    factor = (change.price / old.price) ** change.elasticity
    weights = list(behaviour.services)
    total = sum(weights)
    weights[i] *= factor
    scale = sum(weights) / total if total else 1.0  # customers lost leave; the others keep their mix
    services = tuple(replace(s, price=change.price) if s.name == change.service else s for s in profile.services)
    said.append(f'{change.service} at {change.price:g} (was {old.price:g}): with a price elasticity of '
                f'{change.elasticity:g}, its demand x{factor:.2f} ({factor - 1:+.0%}); customers lost do not choose '
                'another service.')
    arrivals = tuple(tuple(rate * scale for rate in row) for row in behaviour.arrivals)
    return replace(model, profile=replace(profile, services=services), behaviour=replace(
        behaviour, services=tuple(w / scale for w in weights), arrivals=arrivals))


def _rebooking(model: ShopModel, change: SetRebooking, said: list[str]) -> ShopModel:
    if not 0 <= change.rate <= RETURNING:
        raise PlanError('rate', f'The rebooking rate is a share of visits from 0 to {RETURNING:.2f}: only a client '
                                'who comes back can have rebooked.')
    before = model.behaviour.rebook * RETURNING
    said.append(f'Rebooked before leaving: {change.rate:.0%} of visits (was {before:.0%}). A rebooked visit is booked '
                'instead of walked in (its client waits rather than walks out, and may cancel or not show as others '
                "do); how often clients come back is held as it was, so rebooking's main gain, clients who return "
                'more reliably, is not counted: read the result as a floor.')
    return replace(model, behaviour=replace(model.behaviour, rebook=change.rate / RETURNING))

