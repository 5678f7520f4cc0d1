"""The progress fixture (TEST DATA, not the zone's figures): the shipped dataset with two later reports written
for the tests (tests/fixtures/progress), written out as one dataset of three sources."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "progress"
LAYOUT = FIXTURE / "layout.yaml"


def write_progress_dataset(folder: Path) -> Path:
    """data/facts.yaml with the sources, facts and derived figures of tests/fixtures/progress/later.yaml added;
    returns the dataset's path (its texts beside it)."""
    folder.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load((ROOT / "data" / "facts.yaml").read_text(encoding="utf-8"))
    later = yaml.safe_load((FIXTURE / "later.yaml").read_text(encoding="utf-8"))
    for key, records in later.items():
        data[key] = list(data.get(key) or []) + records
    shutil.copy(ROOT / "data" / "article.txt", folder / "article.txt")
    for source in later["sources"]:
        shutil.copy(FIXTURE / source["file"], folder / source["file"])
    path = folder / "facts.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
