"""One module per user intent."""
