"""Database: models, engine factory, sessions, migrations."""
