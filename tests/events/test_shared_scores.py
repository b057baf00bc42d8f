"""Regression guard on the reference corpora in ../shared (skipped when they are missing).

Builds each timelines2015 corpus with the real pipeline and scores it with the shared scorer;
the floors sit a little below the figures measured when they were set (see the events report),
so a change that loses recall, dating accuracy or cross-source merging fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from timeline.pipeline import BuildOptions, build

pytestmark = pytest.mark.shared

# corpus -> (recall, date accuracy (relaxed), cross-document merge F1), in percent.
# trial's merge floor sits one judged link lower since the main verb after an opening phrase
# ("In response to critics saying that ..., Jobs said") is read: the statement is dated and
# recalled, and merge joins it to the same speaker's statement of that day in another source,
# which gold keeps apart.
FLOORS = {
    "trial": (96.0, 89.0, 73.0),
    "corpus_1": (96.5, 87.5, 67.0),
}


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_scores_stay_above_their_floors(shared_dir, tmp_path, corpus):
    data = shared_dir / "data" / "timelines2015" / corpus
    scorer = shared_dir / "tools" / "score_timeline.py"
    if not data.is_dir() or not scorer.is_file():
        pytest.skip(f"{data} or {scorer} not found")
    try:
        result = build([data / "articles"], out_dir=None, options=BuildOptions(workers=1))
    except NotImplementedError as exc:
        pytest.skip(f"pipeline stage missing: {exc}")
    timeline_path = tmp_path / "timeline.json"
    timeline_path.write_text(result.timeline.model_dump_json(), encoding="utf-8")
    scores_path = tmp_path / "scores.json"
    subprocess.run(
        [sys.executable, str(scorer), str(data), str(timeline_path), "--quiet",
         "--json", str(scores_path)],
        check=True, capture_output=True,
    )
    metrics = json.loads(scores_path.read_text())["corpora"][corpus]["metrics"]
    recall, date, xdoc = (100 * (metrics[k] or 0.0) for k in ("recall", "date_acc", "xdoc_F1"))
    floor_recall, floor_date, floor_xdoc = FLOORS[corpus]
    assert recall >= floor_recall, f"{corpus}: recall {recall:.1f} < {floor_recall}"
    assert date >= floor_date, f"{corpus}: date accuracy {date:.1f} < {floor_date}"
    assert xdoc >= floor_xdoc, f"{corpus}: cross-document merge F1 {xdoc:.1f} < {floor_xdoc}"
