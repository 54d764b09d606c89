"""Writing an output file so that a failed build never leaves a partial or damaged one."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import UserError

# Every file this process has written, in order: an interrupted build says whether it changed any.
WRITTEN: list[Path] = []


def interrupted_line() -> str:
    """What an interrupted build says: true whether it stopped before its first output or after some."""
    if not WRITTEN:
        return "legpain-docs: interrupted; no output was changed"
    return (
        f"legpain-docs: interrupted; {len(WRITTEN)} file(s) were written whole before it (the last {WRITTEN[-1]}); "
        "nothing else was changed"
    )


def write_atomically(path: str | Path, data: bytes, sync: bool = True) -> None:
    """Write to a temporary file beside `path`, then rename it over `path` in one step.

    A reader sees the old file or the new one, never half of one; on any failure the
    temporary file is removed and the old file is untouched. A build killed outright
    (SIGKILL cannot be caught) leaves its temporary file: the next build of the same
    output removes it. `sync=False`: not waited on to reach the disk, for a cache that a
    crash may leave old or empty (the build's manifest: an old one describes outputs whose
    bytes are no longer those it recorded, so they are rebuilt; an empty one is no manifest).
    """
    write_together([(path, data)], sync=sync)


def write_together(files: list[tuple[str | Path, bytes]], sync: bool = True) -> None:
    """Write every file or none: a deck and its record are replaced together.

    Each file is first written in full beside its target (where a full disk, a read-only
    folder or a size limit shows); only when all are written are they renamed over their
    targets, each in one step. Any failure before that removes every temporary file and
    leaves every target as it was.
    """
    targets = [check_target(path) for path, _ in files]
    temps: list[str] = []
    try:
        for target, (_, data) in zip(targets, files):
            temps.append(_write_temporary(target, data, sync=sync and len(files) == 1))
        if sync and len(files) > 1:
            _sync_together(temps, targets)
        for temp, target in zip(temps, targets):
            _replace(temp, target)
            WRITTEN.append(target)
    except OSError as err:
        _remove(temps)
        raise UserError.at(str(err.target), f"cannot write: {_reason(err)}") from None
    except BaseException:
        _remove(temps)
        raise


def _sync_together(temps: list[str], targets: list[Path]) -> None:
    """The temporary files on the disk (fsync), side by side: the disk's journal commits them
    together, where one after another each waits for its own commit."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(min(len(temps), 8)) as threads:
        list(threads.map(_sync, temps, targets))


def _sync(temp: str, target: Path) -> None:
    try:
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as err:
        err.target = target  # which file could not be written, for the message
        raise


def _write_temporary(path: Path, data: bytes, sync: bool = True) -> str:
    """A temporary file beside `path` holding `data`, on the disk (fsync; else the caller's
    `_sync_together`), with the mode a new file gets."""
    prefix = _temp_prefix(path)
    _remove_stale(path.parent, prefix)
    fd, temp = _create_temporary(path, prefix)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            if sync:
                os.fsync(file.fileno())
        os.chmod(temp, 0o666 & ~_umask())
    except BaseException as err:
        os.unlink(temp)
        if isinstance(err, OSError):
            err.target = path
        raise
    return temp


def _create_temporary(path: Path, prefix: str) -> tuple[int, str]:
    """A new, empty file beside `path`, named for this process, open for writing.

    Not tempfile.mkstemp: a Ctrl-C that arrives while the file is being created is raised
    as the creating call returns, and mkstemp's caller never learns the name of the file it
    leaves behind. Here the name is known first, and is this process's alone (its id and a
    random part), so a file of that name that exists after an interrupt is this one's."""
    import secrets  # here, not at the top: `check` never writes, and need not load it

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temp = str(path.parent / f"{prefix}{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temp, flags, 0o600), temp
        except FileExistsError:
            continue
        except OSError as err:
            err.target = path  # which file could not be written, for the message
            raise
        except BaseException:  # interrupted as it returned: the file, if made, is ours
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise
    err = FileExistsError(errno.EEXIST, "no temporary name left to try")
    err.target = path
    raise err


def _replace(temp: str, path: Path) -> None:
    try:
        os.replace(temp, path)
    except OSError as err:
        err.target = path  # which file could not be written, for the message
        raise


def _remove(temps: list[str]) -> None:
    for temp in temps:
        try:
            os.unlink(temp)
        except FileNotFoundError:  # already renamed over its target
            pass


class Inputs:
    """The files a build reads, which no output may replace: each looked up once for all the
    outputs checked against them (a library of 100 articles checks 700 outputs against 200 inputs).
    `but(path)`: the same inputs without one (a deck record, which its own deck replaces)."""

    def __init__(self, paths: Iterable[str | Path], skipped: str | None = None, found: dict | None = None):
        self.paths, self.skipped = tuple(map(str, paths)), skipped
        self._found = {} if found is None else found  # shared by the views `but` makes

    def but(self, path: str | Path) -> Inputs:
        return Inputs(self.paths, str(Path(path)), self._found)

    def same_file(self, info: os.stat_result) -> str | None:
        """The first input that is this file (os.path.samestat)."""
        if "files" not in self._found:
            self._found["files"] = _grouped((_file_id(source), source) for source in self.paths)
        return self._first(self._found["files"].get((info.st_dev, info.st_ino), ()))

    def resolving_to(self, real: str) -> str | None:
        """The first input whose real path is `real` (os.path.realpath)."""
        if "real" not in self._found:
            self._found["real"] = _grouped((os.path.realpath(source), source) for source in self.paths)
        return self._first(self._found["real"].get(real, ()))

    def _first(self, sources: list[str]) -> str | None:
        return next((source for source in sources if self.skipped is None or str(Path(source)) != self.skipped), None)


def _file_id(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _grouped(pairs: Iterable[tuple[object, str]]) -> dict[object, list[str]]:
    grouped: dict[object, list[str]] = {}
    for key, source in pairs:
        if key is not None:
            grouped.setdefault(key, []).append(source)
    return grouped


def check_target(path: str | Path, inputs: Iterable[str] | Inputs = ()) -> Path:
    """Refuse, before any work is done, a path that can never be written or must not be.

    Only a regular file or a new name is written: never a directory, a device or a pipe,
    and never one of the build's own inputs. A link to a regular file is followed, so the
    link stays and the file it names is replaced.
    """
    if str(path) == "":
        raise UserError.at("legpain-docs", "the output file name is empty: give -o a file name")
    inputs = inputs if isinstance(inputs, Inputs) else Inputs(inputs)
    path = Path(path)
    longest = _name_max(path.parent)
    if len(os.fsencode(path.name)) > longest:
        raise UserError.at(
            str(path),
            f"cannot write: the file name is {len(os.fsencode(path.name))} bytes long; "
            f"at most {longest} fit (shorten -o, or the article's id)",
        )
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise UserError.at(str(path), "cannot write: a link to a file that does not exist") from None
        info = None
    except OSError as err:
        raise UserError.at(str(path), f"cannot write: {_reason(err)}") from None
    if info is not None:
        _refuse_unless_regular(path, info, inputs)
        path = Path(os.path.realpath(path))
    else:  # an input still to be made (a deck record the build writes) is no output either
        source = inputs.resolving_to(os.path.realpath(path))
        if source is not None:
            raise UserError.at(str(path), f"cannot write: is the input file {source} itself; name another output file")
    if not path.parent.is_dir():
        raise UserError.at(str(path), f"cannot write: no such directory '{path.parent}'")
    return path


def _refuse_unless_regular(path: Path, info: os.stat_result, inputs: Inputs) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise UserError.at(str(path), "cannot write: is a directory")
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a named pipe" if stat.S_ISFIFO(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "a device"
        )
        raise UserError.at(str(path), f"cannot write: is {kind}, not a regular file; name a new file")
    source = inputs.same_file(info)
    if source is not None:
        raise UserError.at(str(path), f"cannot write: is the input file {source} itself; name another output file")


def _temp_prefix(path: Path) -> str:
    """The temporary files of one output share a short prefix: the name could be 255 bytes
    long already, so it is a digest of the name, not the name itself."""
    import hashlib  # here, not at the top: `check` never writes

    return f".legpain-docs-{hashlib.sha256(os.fsencode(path.name)).hexdigest()[:16]}."


# Each folder's temporary files as this process first found them: listed once, not for every
# output written there (a library's folder holds hundreds of files).
_LEFT: dict[Path, list[str]] = {}


def _remove_stale(folder: Path, prefix: str) -> None:
    """Remove temporary files of this output left by builds whose process is gone."""
    if folder not in _LEFT:
        try:
            _LEFT[folder] = [n for n in os.listdir(folder) if n.startswith(".legpain-docs-") and n.endswith(".tmp")]
        except OSError:
            return
    names = [n for n in _LEFT[folder] if n.startswith(prefix)]
    for name in names:
        _LEFT[folder].remove(name)
        pid = name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            try:
                os.unlink(folder / name)
            except OSError:
                pass  # another build removed it first, or the folder is read-only: writing will say


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def _reason(err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return "no space left on the device"
    return (err.strerror or str(err)).lower()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
