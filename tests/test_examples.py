"""The bundled example world stays consistent with its ground truth and its generator."""

import sys

from conftest import EXAMPLES


def test_ground_truth_is_consistent_with_files():
    sys.path.insert(0, str(EXAMPLES))
    try:
        from build_world import verify
        from check_ground_truth import check
    finally:
        sys.path.remove(str(EXAMPLES))
    assert check(EXAMPLES) == []
    assert verify() == []
