"""The ``rsii`` command: regenerate, validate and export the data package.

The top of the layers: it may import :mod:`rsii.present` (the export), :mod:`rsii.analysis`
and :mod:`rsii.data`; nothing imports it. The book's build is :mod:`rsii.book`'s."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rsii.data.errors import DataError


def _sentences(args) -> int:
    from rsii.data import article

    for path in article.write(args.data):
        print(f"wrote {path}")
    return 0


def _validate(args) -> int:
    from rsii.data import validate

    problems, summary = validate.run(args.data)
    for problem in problems:
        print(problem)
    if problems:
        count = f"{len(problems)} problems" if len(problems) > 1 else "1 problem"
        print(f"{count} found", file=sys.stderr)
        return 1
    print(summary)
    return 0


def _export(args) -> int:
    from rsii.present import export

    for path in export.export(args.out_dir, args.data):
        print(f"wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rsii", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("sentences", help="rebuild headings.csv and sentences.csv from data/source/")
    p.add_argument("data", nargs="?", type=Path, default=None, help="data folder (default: data/)")
    p.set_defaults(func=_sentences)

    p = sub.add_parser("validate", help="check the data package; one problem per line")
    p.add_argument("data", nargs="?", type=Path, default=None, help="data folder (default: data/)")
    p.set_defaults(func=_validate)

    p = sub.add_parser("export", help="networks (GraphML, GEXF, CSV), tables (JSON) and results")
    p.add_argument("out_dir", type=Path)
    p.add_argument("--data", type=Path, default=None, help="data folder (default: data/)")
    p.set_defaults(func=_export)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except DataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except OSError as e:  # a missing folder, a read-only output: say which, no traceback
        where = f"{e.filename}: " if e.filename else ""
        print(f"error: {where}{e.strerror or e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
