# MUC-4 event extraction (issue 3). Included by the top-level Makefile, which defines
# BIN (= .venv/bin) and STAMP (the venv stamp file).
MUC4_MODEL := src/incidentdesk/muc4/model
MUC4_SEED ?= 0

.PHONY: train-muc4 eval-muc4

# Reproduce the committed weights from a fixed seed (CPU, about 50 min on 2 cores: the spaCy
# pipeline, one MiniLM fold for the thresholds, the final MiniLM tagger).
train-muc4: $(STAMP)
	$(BIN)/python -m incidentdesk.muc4 train --out $(MUC4_MODEL) --seed $(MUC4_SEED) --encoder-epochs 2

eval-muc4: $(STAMP)
	$(BIN)/python -m incidentdesk.muc4 evaluate --split dev
