"""A body's depth and its count of objects and lists, read from its bytes before it is parsed."""
import json

from api.body_limits import shape


def test_depth_and_objects_are_counted_outside_strings_only():
    batch = {'events': [{'kind': 'Reviewed', 'text': 'Loved it [[[[{{{{ "really" \\', 'id': f'r{n}'} for n in range(3)]}
    assert shape(json.dumps(batch).encode(), 3) == (False, 5)
    assert shape(json.dumps(batch).encode(), 2) == (True, 5)
    assert shape(b'{"a": "\\\\", "b": [[1]]}', 2) == (True, 3)  # an escaped backslash ends no string
    assert shape(b'{"a": "\\"[[[", "b": []}', 2) == (False, 2)  # an escaped quote does not end one
    assert shape(b'[' * 100_000, 4) == (True, 100_000)
    assert shape(b'[' * 1000 + b']' * 1000, 1000) == (False, 1000)
