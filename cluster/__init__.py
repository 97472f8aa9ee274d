"""Several workers behind one address: each shop's engine runs in one worker, held by a lease in PostgreSQL.

Off by default (one process on SQLite); on with CHAIRSIDE_CLUSTER=1 and a PostgreSQL CHAIRSIDE_DATABASE_URL.
"""
