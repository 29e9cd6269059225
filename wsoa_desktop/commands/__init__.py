"""Command-line commands, one module per area. Registered in ``wsoa_desktop.cli``."""
