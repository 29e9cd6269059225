"""The plan's vocabulary in pure Python: no Qt, no database."""
