"""``python -m dossier.evaluate NAME [DATA] [--limit N] [--no-write]``: run one evaluation."""

from __future__ import annotations

import sys
from pathlib import Path

from dossier.evaluate import render_table, run, write_result


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    limit = None
    if "--limit" in argv:
        limit = int(argv[argv.index("--limit") + 1])
        args.remove(str(limit))
    if not args:
        print(__doc__)
        return 2
    result = run(args[0], Path(args[1]) if len(args) > 1 else None, limit=limit)
    print(f"{result.title}\n{result.dataset}\n")
    print(render_table(result))
    if result.reference:
        print(f"\nreference: {result.reference}")
    if "--no-write" not in argv and limit is None:
        print(f"\nwritten to {write_result(result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
