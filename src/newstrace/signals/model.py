"""The Signal type: one observation about an article that a reader should weigh.

A signal is not a verdict. It says what was seen (kind, message), how much it should
worry a reader (severity), where it is (spans into `Article.text`, or into the title when
`target == "title"`), and the facts behind it (evidence) so a renderer or a person can check it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

# Ordered from least to most worrying; renderers sort and filter by this order.
SEVERITIES: tuple[str, ...] = ("info", "low", "medium", "high")
TARGETS: tuple[str, ...] = ("text", "title")

Span = tuple[int, int]


@dataclass(frozen=True)
class Signal:
    """One finding. `spans` are half-open character offsets into the string named by `target`."""

    kind: str
    severity: str
    message: str
    spans: tuple[Span, ...] = ()
    evidence: Mapping[str, Any] = field(default_factory=dict, hash=False)
    target: str = "text"

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"Signal {self.kind!r}: severity {self.severity!r} is not one of {SEVERITIES}")
        if self.target not in TARGETS:
            raise ValueError(f"Signal {self.kind!r}: target {self.target!r} is not one of {TARGETS}")
        spans = tuple((int(b), int(e)) for b, e in self.spans)
        for b, e in spans:
            if not 0 <= b <= e:
                raise ValueError(f"Signal {self.kind!r}: span ({b}, {e}) is not a valid half-open range")
        object.__setattr__(self, "spans", spans)
        object.__setattr__(self, "evidence", dict(self.evidence))

    @property
    def rank(self) -> int:
        """Position of the severity in SEVERITIES (0 = info); handy for sorting."""
        return SEVERITIES.index(self.severity)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            "spans": [list(s) for s in self.spans],
            "evidence": dict(self.evidence),
            "target": self.target,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Signal":
        return cls(
            kind=d["kind"],
            severity=d["severity"],
            message=d["message"],
            spans=tuple(tuple(s) for s in d.get("spans") or ()),  # type: ignore[misc]
            evidence=dict(d.get("evidence") or {}),
            target=d.get("target", "text"),
        )
