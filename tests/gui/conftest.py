"""GUI fixtures: the Chinese UI set-up of the real application, a fixed clock, the app on a tmp folder,
and screenshots on request (``CREDIT_LEDGER_SHOTS=/some/folder``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fakes import FixedClock
from tests.gui.harness import GuiApp, create_store
from ui.qt_setup import set_up_application

SHOTS_ENV = "CREDIT_LEDGER_SHOTS"


@pytest.fixture(scope="session", autouse=True)
def chinese_ui(qapp):
    """What ``run_gui`` does: Qt's Chinese translations and the bundled CJK font (no system fonts here)."""
    set_up_application(qapp)
    return qapp


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def gui(qtbot, data_dir, clock):
    app = GuiApp(qtbot, data_dir, clock)
    yield app
    app.shut_down()


@pytest.fixture
def store(data_dir, clock) -> str:
    """A store with only its first 系统管理员; returns its recovery key."""
    return create_store(data_dir, clock)


@pytest.fixture
def shot():
    """``shot(widget, name)`` saves ``widget.grab()`` as ``name.png`` into $CREDIT_LEDGER_SHOTS, if set."""
    folder = os.environ.get(SHOTS_ENV)

    def save(widget, name: str) -> None:
        if not folder:
            return
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(folder) / f"{name}.png"))

    return save
