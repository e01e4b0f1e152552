"""Qt desktop interface and the command line. ``ui.composition`` is the only module that wires storage."""
