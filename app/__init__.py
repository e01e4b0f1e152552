"""credit-ledger core: the rules of the regulation, the use cases and the ports they need.

Pure Python: nothing here imports Qt, SQLAlchemy or sqlcipher3 (checked by import-linter).
"""

__version__ = "0.1.0"
