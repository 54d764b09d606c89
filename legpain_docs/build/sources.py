"""Which files of a source folder are articles, clinic files and the library file.

Every `*.yaml` in the folder is an article, except clinic files (`*.clinic.yaml`) and the
library file (`library.yaml`). Names are taken as the file system gives them: a space, a
quote or a semicolon in a name is only a character, never read by a shell.
"""

from __future__ import annotations

import os

from ..errors import UserError
from ..names import CLINIC_SUFFIX

LIBRARY_FILE = "library.yaml"


def folder_files(folder: str) -> list[str]:
    """The folder's `*.yaml` files as paths (`folder/name`), sorted by name; a missing folder is a UserError."""
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        raise UserError.at(folder, "no such folder: name the folder of the articles (make SOURCE_DIR=...)") from None
    except NotADirectoryError:
        raise UserError.at(folder, "not a folder: name the folder of the articles (make SOURCE_DIR=...)") from None
    except OSError as err:
        raise UserError.at(folder, f"cannot read the folder: {(err.strerror or str(err)).lower()}") from None
    return [os.path.join(folder, name) for name in names if name.endswith(".yaml") and not name.startswith(".")]


def articles_in(folder: str) -> list[str]:
    return [
        path
        for path in folder_files(folder)
        if not path.endswith(CLINIC_SUFFIX) and os.path.basename(path) != LIBRARY_FILE
    ]


def clinics_in(folder: str) -> list[str]:
    return [path for path in folder_files(folder) if path.endswith(CLINIC_SUFFIX)]


def library_file(folder: str) -> str:
    return os.path.join(folder, LIBRARY_FILE)
