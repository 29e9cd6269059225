"""Storage: SQLModel tables, Alembic migrations, and one engine (a SQLite file, or a PostgreSQL server database)."""
