"""The layering rules of STYLE.md §1 as a check: app/ never imports Qt or SQLAlchemy, and so on."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is a dev dependency"
    result = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def test_the_top_level_is_exactly_the_designed_layout():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    top = {p.split("/")[0] for p in tracked}
    allowed = {"app", "ui", "storage", "resources", "tests", "pyproject.toml", "build.spec", "README.md",
               ".ci", "bench", "docs", ".gitignore", "requirements.lock", "requirements-dev.lock"}
    assert top <= allowed, top - allowed
