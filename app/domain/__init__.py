"""Domain model: plain dataclasses and rule functions, each citing its article."""
