"""Measure key derivation and unlock: the Argon2id parameters calibrated here and the time to sign in.

Run:  .venv/bin/python bench/unlock_time.py
Prints the calibrated parameters, then the median of 5 sign-ins (slot unwrap + open + checks + audit)
and of 5 bare derivations. A benchmark, not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storage.keyslots import calibrate  # noqa: E402
from ui.composition import Context  # noqa: E402


def timed(fn, runs: int = 5) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    started = time.perf_counter()
    params = calibrate()
    print(f"calibration: {time.perf_counter() - started:.2f} s -> Argon2id memory {params.memory_kib // 1024} MiB, "
          f"iterations {params.iterations}, lanes {params.lanes}")
    derive = timed(lambda: params.derive("Unlock-Passw0rd-1", os.urandom(16)))
    print(f"one derivation: median {statistics.median(derive):.3f} s (min {min(derive):.3f}, max {max(derive):.3f})")
    with tempfile.TemporaryDirectory() as tmp:
        ctx = Context(Path(tmp) / "data", kdf=params)
        start = time.perf_counter()
        ctx.create_store("bench", "基准", "Unlock-Passw0rd-1")
        created = time.perf_counter() - start
        print(f"create store (schema + first account + recovery slot): {created:.2f} s")

        def sign_in():
            services, _ = ctx.sign_in("bench", "Unlock-Passw0rd-1")
            services.store.engine.dispose()
        unlock = timed(sign_in)
        print(f"sign-in / unlock: median {statistics.median(unlock):.3f} s (min {min(unlock):.3f}, "
              f"max {max(unlock):.3f})")
        ctx.release()


if __name__ == "__main__":
    main()
