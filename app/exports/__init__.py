"""Files the user explicitly exports (plaintext by the user's choice, always audited)."""
