"""Run a command as on a reader's fresh machine: new, empty HOME, MPLCONFIGDIR and
XDG_CACHE_HOME, none of this machine's environment, and every system copy of Amiri
hidden. The hiding uses a private mount namespace (as root: ``unshare -m``; otherwise a
user namespace too), so nothing on the machine changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FONT_ROOTS = [Path("/usr/share/fonts"), Path("/usr/share/texlive/texmf-dist/fonts")]


def system_amiri_dirs() -> list[Path]:
    """Every folder of the system's font trees that holds an Amiri file."""
    found = set()
    for top in FONT_ROOTS:
        if top.is_dir():
            found.update(
                p.parent
                for p in top.rglob("*")
                if p.name.lower().startswith("amiri") and p.is_file()
            )
    return sorted(found)


def run(
    cmd: list[str], home: Path, cwd: Path, timeout: float = 900, extra: dict | None = None
) -> subprocess.CompletedProcess:
    """``cmd`` in the fresh environment, with its output captured."""
    for name in ("home", "mpl", "cache", "empty"):
        (home / name).mkdir(parents=True, exist_ok=True)
    venv_bin = Path(sys.executable).parent
    env = {
        "PATH": f"{venv_bin}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home / "home"),
        "MPLCONFIGDIR": str(home / "mpl"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "SOURCE_DATE_EPOCH": "1448928000",
        **(extra or {}),
    }
    hide = " ".join(f'mount --bind "$EMPTY" "{d}";' for d in system_amiri_dirs())
    script = f'set -e; {hide} exec "$@"'
    unshare = ["unshare", "-m", "--propagation", "private"]
    if os.geteuid() != 0:
        unshare.insert(1, "-r")
    env["EMPTY"] = str(home / "empty")
    return subprocess.run(
        [*unshare, "sh", "-c", script, "sh", *cmd],
        cwd=cwd,
        env=env,
        text=True,
        capture_output=True,
        timeout=timeout,
    )
