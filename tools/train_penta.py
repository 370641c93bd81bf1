"""Train the five-class sentence model shipped as src/bilateral/data/patterns/penta_classifier.npz.

Reads ../shared/data/gold/conflibert_cameo_train.jsonl (eventdata/ConfliBERT, GPL-3.0 repository;
data from Multi-CoPED), scores the model by stratified 5-fold cross-validation, fits it on all
sentences and writes the weights (numbers only) with a metrics file beside them. Deterministic:
the same data and library versions give the same file.

    .venv/bin/python tools/train_penta.py
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / ".." / "shared" / "data" / "gold" / "conflibert_cameo_train.jsonl"


def main() -> int:
    if not DATA.is_file():
        print(f"{DATA}: not found; put ../shared beside the repository", file=sys.stderr)
        return 1
    import sklearn

    from bilateral.coding import Coder
    from bilateral.coding import classifier

    raw = DATA.read_bytes()
    records = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    texts, labels = [r["text"] for r in records], [r["pentaclass"] for r in records]
    coder = Coder()
    coder.sentence_model = None  # features must not depend on an earlier model
    score = classifier.cross_validate(texts, labels, coder)
    model = classifier.fit(texts, classifier.sentence_rules(texts, coder), labels)
    metrics = {
        "model": "hashed TF-IDF words 1-2 + chars 2-5 + coder rule features, logistic regression (C=10, balanced)",
        "training_data": "eventdata/ConfliBERT @ 0b63001 data/cameo_class/train.tsv (GPL-3.0 repository; Multi-CoPED)",
        "training_sha256": hashlib.sha256(raw).hexdigest(),
        "sentences": len(texts),
        "cv5_macro_f1": round(score, 4),
        "scikit_learn": sklearn.__version__,
        "built": dt.date.today().isoformat(),
    }
    model.save(metrics=metrics)
    print(json.dumps(metrics, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
