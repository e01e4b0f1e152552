"""Suite-wide settings: Qt offscreen, hypothesis profile."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("CREDIT_LEDGER_HOME", None)

from hypothesis import settings  # noqa: E402

settings.register_profile("default", max_examples=200, deadline=None)
settings.load_profile("default")
