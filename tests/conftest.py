from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSTRACE_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seeds" / "000_c2f207795f66fbd6.txt"
EXAMPLES = REPO / "examples"


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"../shared is absent: the seed article {SEED} is not available")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.exists():
        pytest.skip(f"../shared/data is absent ({data}); this test needs the public data sets")
    return data
