"""Locate bundled data files, from a source checkout and from a PyInstaller bundle.

From source the resources live in ``<repo>/resources`` (the parent of ``app/``). In a PyInstaller
one-folder build they are collected as ``resources/`` under ``sys._MEIPASS``; the spec must list them in
``datas`` (e.g. ``("resources/data", "resources/data")``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """Return the ``resources`` directory for this run (source tree or frozen bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Return the path of a bundled resource, e.g. ``resource_path("data", "holidays.json")``."""
    return resource_root().joinpath(*parts)
