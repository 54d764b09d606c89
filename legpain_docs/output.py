"""Writing an output file so that a failed build never leaves a partial or damaged one."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import UserError


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path` in one step.

    A reader sees the old file or the new one, never half of one; on any failure the
    temporary file is removed and the old file is untouched.
    """
    import tempfile  # here, not at the top: `check` never writes, and need not load it

    path = check_target(path)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise UserError.at(str(path), f"cannot write: {_reason(err)}") from None
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as err:
        os.unlink(temp)
        raise UserError.at(str(path), f"cannot write: {_reason(err)}") from None
    except BaseException:
        os.unlink(temp)
        raise


def check_target(path: str | Path) -> Path:
    """Refuse, before any work is done, a path that can never be written."""
    path = Path(path)
    if not path.parent.is_dir():
        raise UserError.at(str(path), f"cannot write: no such directory '{path.parent}'")
    if path.is_dir():
        raise UserError.at(str(path), "cannot write: is a directory")
    return path


def _reason(err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return "no space left on the device"
    return (err.strerror or str(err)).lower()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
