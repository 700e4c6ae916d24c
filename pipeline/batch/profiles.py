"""Where LibreOffice's profiles are kept between runs: the user's cache folder, never the
clerk's shared OUTPUTS folder.

A profile is kept on purpose: LibreOffice starts several seconds faster with one it made
before. Two LibreOffices cannot share a profile, so each converter claims one by holding a
lock beside it (`claim_profiles`); a profile held by another run (another batch, or a
`committee pack` at the same time) is passed over for the next free one.

    ~/.cache/committee-pipeline/libreoffice/profile-1   (XDG_CACHE_HOME when set)
    %LOCALAPPDATA%\\committee-pipeline\\libreoffice\\profile-1   (Windows)
    ~/Library/Caches/committee-pipeline/libreoffice/profile-1   (macOS)
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

APP = "committee-pipeline"
MOST_PROFILES = 64  # profiles tried before giving up on finding a free one


def cache_folder(platform: str | None = None,
                 environ: Mapping[str, str] | None = None) -> Path:
    """The folder LibreOffice's profiles are kept in, outside any OUTPUTS folder."""
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    home = environ.get("HOME") or environ.get("USERPROFILE")
    if platform == "win32" and environ.get("LOCALAPPDATA"):
        root = Path(environ["LOCALAPPDATA"])
    elif platform == "darwin" and home:
        root = Path(home) / "Library" / "Caches"
    elif environ.get("XDG_CACHE_HOME"):
        root = Path(environ["XDG_CACHE_HOME"])
    elif home:
        root = Path(home) / ".cache"
    else:
        root = Path(tempfile.gettempdir())
    return root / APP / "libreoffice"


def _usable(folder: Path) -> Path:
    """`folder`, made; else a folder of this user's in the system's temporary folder."""
    for candidate in (folder, Path(tempfile.gettempdir()) / f"{APP}-{_user()}" / "libreoffice"):
        try:
            candidate.mkdir(parents=True, exist_ok=True)
            return candidate
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix=f"{APP}-"))


def _user() -> str:
    try:
        import getpass

        return "".join(c for c in getpass.getuser() if c.isalnum()) or "user"
    except Exception:  # noqa: BLE001 - no user name (a container): any stable word will do
        return "user"


@contextmanager
def claim_profiles(count: int) -> Iterator[tuple[Path, list[Path]]]:
    """`count` profiles no other run is using, held until the block ends: yields the cache
    folder (LibreOffice's HOME) and the profiles."""
    from pipeline.portable import release, try_lock

    root = _usable(cache_folder())
    held: list[IO[Any]] = []
    profiles: list[Path] = []
    try:
        n = 0
        while len(profiles) < count:
            n += 1
            profile = root / f"profile-{n}"
            if n > MOST_PROFILES:  # all busy: a profile of this run's own, removed after
                profile = Path(tempfile.mkdtemp(prefix="profile-", dir=root))
                profiles.append(profile)
                continue
            try:
                handle = open(root / f"profile-{n}.lock", "a+")  # noqa: SIM115 - held below
            except OSError:
                continue
            if try_lock(handle):
                held.append(handle)
                profiles.append(profile)
            else:
                handle.close()
        yield root, profiles
    finally:
        for handle in held:
            release(handle)
        import shutil

        for profile in profiles:
            if not profile.name[len("profile-"):].isdigit():
                shutil.rmtree(profile, ignore_errors=True)


__all__ = ["cache_folder", "claim_profiles"]
