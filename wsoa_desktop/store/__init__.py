"""SQLite storage: SQLModel tables, one engine with one writer, Alembic migrations."""
