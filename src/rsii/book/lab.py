"""``make lab``: JupyterLab from this environment, opened on the MyST notebooks.

A double click opens a notebook as a notebook because the package installs a settings
override for JupyterLab (jupyterlab/rsii.json, in ``overrides.d``); its prose reads as
the book's because jupyterlab-myst, pinned with the rest and prebuilt (nothing is
fetched or built at start), renders the MyST and evaluates each ``{eval}`` value in the
kernel. As root, the usual
case in containers, JupyterLab refuses to start without ``--allow-root``; it gets that
flag then, and only then.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rsii.data import paths


def command(extra: list[str] | None = None) -> list[str]:
    extra = list(extra or [])
    cmd = [str(Path(sys.executable).with_name("jupyter-lab"))]
    if not any(arg.startswith("--ServerApp.root_dir") for arg in extra):
        cmd.append(f"--ServerApp.root_dir={paths.repo_root() / 'notebooks'}")
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd + extra


def main(argv: list[str] | None = None) -> int:
    cmd = command(argv if argv is not None else sys.argv[1:])
    os.execv(cmd[0], cmd)
    return 1  # not reached: execv replaces this process


if __name__ == "__main__":
    sys.exit(main())
