"""What pages keep between requests is never stale: per store version, and roles read afresh."""

import pytest

from sigtepunkt.analytics.store import store_writing
from sigtepunkt.insights.reader import store_reader, version_cached
from sigtepunkt.web.accounts.access import access_for_user
from sigtepunkt.web.accounts.models import Role
from sigtepunkt.web.accounts.services import user_create

pytestmark = pytest.mark.django_db


def test_it_computes_once_per_store_version_and_again_after_a_replacement(tmp_path):
    path = tmp_path / "measurements.duckdb"
    with store_writing(path) as con:
        con.execute("INSERT OR REPLACE INTO meta VALUES ('data_version', 'a')")
    calls = []

    def build(con):
        calls.append(1)
        return con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchall()[0][0]

    reader = store_reader(path)
    assert version_cached(reader.cursor(), ("v",), build) == "a"
    assert version_cached(reader.cursor(), ("v",), build) == "a"
    assert len(calls) == 1
    with store_writing(path) as con:
        con.execute("INSERT OR REPLACE INTO meta VALUES ('data_version', 'b')")
    assert version_cached(reader.cursor(), ("v",), build) == "b"
    assert len(calls) == 2


def test_a_connection_that_is_no_reader_cursor_is_not_cached(tmp_path):
    import duckdb

    con = duckdb.connect()
    assert version_cached(con, ("x",), lambda c: c.execute("SELECT 1").fetchall()[0][0]) == 1
    assert version_cached(con, ("x",), lambda c: 2) == 2


def test_a_changed_role_takes_effect_at_once(sp_settings, tree):
    centres = list(tree.current_children(tree.roots[0]))[:2]
    user = user_create(username="flytter", password="x" * 16, roles=[(Role.LEADER, centres[0])])
    assert access_for_user(user=user, tree=tree).visible == tree.subtree(centres[0])
    user_create(username="flytter", password="x" * 16, roles=[(Role.LEADER, centres[1])])
    assert access_for_user(user=user, tree=tree).visible == tree.subtree(centres[1])
