"""The secret NiceGUI signs its browser storage with: configured, or made once and kept in the data folder."""
import os
import secrets
from pathlib import Path

FILE_NAME = 'storage_secret'


def load_or_create_storage_secret(data_dir: Path, configured: str | None) -> str:
    """Keeping it across restarts keeps people signed in. The value is never logged."""
    if configured:
        return configured
    path = Path(data_dir) / FILE_NAME
    if path.exists():
        value = path.read_text().strip()
        if value:
            return value
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    path.unlink(missing_ok=True)  # an empty file left by a crash
    try:  # 0600 from the first byte; O_EXCL so two processes starting at once agree on one secret
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(descriptor, 'w') as file:
        file.write(value)
        file.flush()
        os.fsync(file.fileno())
    return value
