"""A loopback port for an app process of our own, and whether that process is the one listening on it.

A free port is found by binding port 0 and letting it go, so another process (a second test run on the machine)
may take the same port before the app binds it. Whoever then waits for the app to answer must know the answer came
from its own process, else it signs in to, and later loses, somebody else's app.
"""
import os
import socket


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def listens(pid: int, port: int) -> bool:
    """Whether process `pid` holds the socket listening on 127.0.0.1:`port` (Linux: /proc)."""
    wanted = f'0100007F:{port:04X}'
    with open('/proc/net/tcp') as table:
        inodes = {fields[9] for fields in (line.split() for line in table.readlines()[1:])
                  if fields[1] == wanted and fields[3] == '0A'}  # 0A: LISTEN
    try:
        fds = os.listdir(f'/proc/{pid}/fd')
    except OSError:  # it has ended
        return False
    held = _targets(pid, fds)
    return any(f'socket:[{inode}]' in held for inode in inodes)


def _targets(pid: int, fds: list[str]) -> set[str]:
    """What the file descriptors point to; one closed between listing and reading is skipped (an app starting up
    opens and closes files all the while: under contention that failed a test once)."""
    held = set()
    for fd in fds:
        try:
            held.add(os.readlink(f'/proc/{pid}/fd/{fd}'))
        except OSError:
            continue
    return held
