"""Evaluation of incidentdesk against outside data: clustering reports into incidents (MUC-4).

``incidentdesk eval clusters`` ingests the MUC-4 reports and scores the incidents with B-cubed.
"""
