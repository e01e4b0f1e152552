"""Storage: the encrypted store (SQLAlchemy 2 on sqlcipher3 / SQLCipher 4), its key slots and backups.

Implements the ports defined in ``app.ports``. Never imports Qt.
"""
