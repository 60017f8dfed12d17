import pytest
from django.db import connection

from jiuye.core import seeding

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics"),
]


def rows_known(cursor, table: str) -> float:
    cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
    return cursor.fetchone()[0]


def test_a_seeder_analyses_the_tables_it_grows_before_it_commits():
    """A seeder's later statements (and the next seeders) are planned on the rows it loaded,
    whether or not the server runs autovacuum: without statistics PostgreSQL takes a table
    it has never analysed for empty."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE seeding_probe (id integer)")
        with connection.execute_wrapper(seeding.AnalyseAsLoaded(every=0)):
            cursor.execute("INSERT INTO seeding_probe SELECT generate_series(1, 500)")
            assert rows_known(cursor, "seeding_probe") < 1  # too few rows to analyse for
            cursor.execute("INSERT INTO seeding_probe SELECT generate_series(1, 4500)")
            assert rows_known(cursor, "seeding_probe") == 5000
            # grown by less than a fifth since: not analysed again
            cursor.execute("INSERT INTO seeding_probe SELECT generate_series(1, 900)")
            assert rows_known(cursor, "seeding_probe") == 5000
            cursor.execute("INSERT INTO seeding_probe SELECT generate_series(1, 200)")
            assert rows_known(cursor, "seeding_probe") == 6100
    seeding._analysed.clear()
