"""The order in which the shops listed at start are started in the background (issue 22, fast start)."""
from shops.start_order import StartOrder


def started(order: StartOrder) -> list[str]:
    return [shop_id for shop_id in iter(order.next, None)]


def test_with_nobody_waiting_the_shops_start_in_the_order_listed():
    assert started(StartOrder(['a', 'b', 'c'])) == ['a', 'b', 'c']


def test_shops_someone_waits_for_start_first_the_one_waited_for_longest_first():
    order = StartOrder(['a', 'b', 'c', 'd', 'e'])
    order.want('d')
    order.want('b')
    order.want('d')  # asked again: keeps its place, not a later one
    assert order.wanted() == ['d', 'b']
    assert started(order) == ['d', 'b', 'a', 'c', 'e']


def test_a_shop_asked_for_while_others_are_queued_jumps_ahead_of_those_nobody_waits_for():
    order = StartOrder(['a', 'b', 'c', 'd'])
    order.want('c')
    assert order.next() == 'c'
    assert order.next() == 'a'
    order.want('d')  # a page opened on it while b was next
    assert started(order) == ['d', 'b']


def test_a_shop_started_by_other_means_leaves_the_queue_and_asking_for_it_changes_nothing():
    order = StartOrder(['a', 'b', 'c'])
    order.want('b')
    order.remove('b')  # its settings changed: started at once
    order.want('b')
    order.want('x')  # not listed here
    assert order.wanted() == []
    assert started(order) == ['a', 'c']
