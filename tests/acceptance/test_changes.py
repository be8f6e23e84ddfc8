"""The change feed: after a later report joins the demo, `changes` shows the revised toll."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from incidentdesk.cli import app
from incidentdesk.store.repository import utc_now
from tests.conftest import DEMO, LATER

LATER_REPORT = LATER / "06_kendyrlik_courier_toll_revised.txt"


def test_changes_after_a_later_report(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", "-q", "--db", db, str(DEMO)]).exit_code == 0
    before = json.loads(runner.invoke(app, ["incidents", "--json", "--db", db]).stdout)
    assert len(before) == 1
    cutoff = utc_now()
    nothing = runner.invoke(app, ["changes", "--since", cutoff, "--db", db])
    assert nothing.exit_code == 0 and "nothing new" in nothing.stdout

    later = tmp_path / "later"
    later.mkdir()
    shutil.copy(LATER_REPORT, later)
    assert runner.invoke(app, ["ingest", "-q", "--db", db, str(later)]).exit_code == 0
    after = json.loads(runner.invoke(app, ["incidents", "--json", "--db", db]).stdout)
    assert [i["documents"] for i in after] == [before[0]["documents"] + 1]
    assert after[0]["killed"] == 24

    feed = json.loads(
        runner.invoke(app, ["changes", "--since", cutoff, "--db", db, "--json"]).stdout
    )
    (inc,) = feed["incidents"]
    assert not inc["new_incident"] and len(inc["new_documents"]) == 1
    killed = next(c for c in inc["changed"] if c["field"] == "killed")
    assert killed["before"] != killed["after"] and killed["after"].endswith("24")
    assert inc["new_documents"][0] in killed["sources"], killed
    assert any(r["kind"] == "killed" and r["value"] == 24 for r in inc["new_figures"])

    text = runner.invoke(app, ["changes", "--since", cutoff, "--db", db]).stdout
    assert "killed:" in text and "24" in text and "Kendyrlik Courier" in text
