"""`python -m incidentdesk.muc4 ...` (the same app the main CLI mounts as `muc4`)."""

from incidentdesk.muc4.cli import app

app(prog_name="incidentdesk muc4")
