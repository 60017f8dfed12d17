"""The settings each database's connections start with (jiuye/settings.py)."""

from django.db import connection


def test_connections_start_with_the_settings_the_reports_and_the_writers_need(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"
            cursor.execute("SHOW work_mem")
            assert cursor.fetchone()[0] == "32MB"
        else:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
