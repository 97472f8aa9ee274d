"""Data only the account that runs Chairside can read: folders 0700, files 0600, new and already there.

The database holds password hashes and every shop's figures; the storage secret signs sessions; NiceGUI's storage
folder holds who is signed in. Tightening what already exists covers installs made before this rule.
"""
import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(path: Path) -> Path:
    """Made if missing (with its parents, which are left as they are), and 0700."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    path.chmod(FOLDER_MODE)
    return path


def private_file(path: Path) -> Path:
    """Made empty if missing, 0600 from the first byte."""
    path = Path(path)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    path.chmod(FILE_MODE)
    return path


def private_sqlite(database: Path) -> None:
    """The file and its WAL and SHM, if there: SQLite makes a WAL and SHM with the mode of the database file."""
    private_file(database)
    for suffix in ('-wal', '-shm'):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            companion.chmod(FILE_MODE)
