"""URLs, folders and SQLite pragmas."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest
import sqlalchemy as sa

from incidentdesk.store import Store
from incidentdesk.store import engine as engines


def test_sqlite_pragmas_on_every_connection(store: Store, db_path: Path) -> None:
    assert db_path.parent.is_dir()  # created
    for _ in range(2):
        with store.engine.connect() as conn:

            def pragma(name: str, conn: sa.Connection = conn) -> object:
                return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == engines.BUSY_TIMEOUT_MS
            assert pragma("synchronous") == 1  # NORMAL
        store.engine.dispose()  # the next round gets a fresh DBAPI connection


def test_default_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCIDENTDESK_DB", "postgresql+psycopg://u@db/incidents")
    assert Store.default_url() == "postgresql+psycopg://u@db/incidents"


def test_default_url_in_user_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("INCIDENTDESK_DB", raising=False)
    folder = tmp_path / "user-data" / "incidentdesk"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda app: str(folder))
    url = Store.default_url()
    assert url == f"sqlite:///{folder / 'incidentdesk.db'}"
    assert folder.is_dir()
    with Store() as store:
        assert store.url == url
        assert store.stats()["documents"] == 0
    assert (folder / "incidentdesk.db").is_file()


def test_bare_path_means_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "x.db"
    with Store(str(path)) as store:
        assert store.engine.url.get_backend_name() == "sqlite"
        store.stats()
    assert path.is_file()


def test_in_memory_url_is_accepted() -> None:
    with Store("sqlite://") as store:
        assert store.stats() == {"documents": 0, "facts": 0, "mentions": 0}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///rel/x.db", Path("rel/x.db")),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
        ("sqlite:///file:x.db?mode=ro&uri=true", None),
        ("postgresql://u@h/db", None),
    ],
)
def test_sqlite_file(url: str, expected: Path | None) -> None:
    assert engines.sqlite_file(sa.make_url(url)) == expected
