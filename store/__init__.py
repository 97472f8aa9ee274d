"""Persistence and accounts: SQLAlchemy (SQLite by default, PostgreSQL/Supabase by URL), migrations, auth.

Nothing here imports NiceGUI or the UI; every function is async and every query is scoped by shop.
"""
