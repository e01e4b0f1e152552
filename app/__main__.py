"""``python -m app`` and the ``credit-ledger`` console script: hand over to the composition root."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from ui.main import main as ui_main
    return ui_main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
