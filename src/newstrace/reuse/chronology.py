"""Which of several articles came first, saying so honestly when dates cannot tell.

Dates are compared at the precision both sides have: two datetimes by the instant (a
datetime without a time zone is taken as UTC), anything else by calendar day, so
"2020-05-01" and "2020-05-01T09:00" are a tie, not an order. A missing or unparseable
date is "undated" and never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Hashable, Sequence

Key = Hashable

DECIDED = "decided"  # one member is strictly earliest and every member is dated
TIE = "tie"  # several members share the earliest date at the precision available
UNDATED = "undated"  # an undated member might be the earliest; the dated earliest is given


@dataclass(frozen=True)
class When:
    raw: str | None
    instant: datetime | None  # aware datetime, when a time of day is known
    day: date | None

    @property
    def dated(self) -> bool:
        return self.day is not None

    def to_str(self) -> str | None:
        if self.instant is not None:
            return self.instant.isoformat()
        return self.day.isoformat() if self.day else None


def parse_published(value: str | None) -> When:
    """Parse an ISO 8601 date or datetime; anything else is undated."""
    if not value or not isinstance(value, str):
        return When(value, None, None)
    s = value.strip()
    if s.endswith("Z") or s.endswith("z"):
        s = s[:-1] + "+00:00"
    try:
        if len(s) <= 10:
            d = date.fromisoformat(s)
            return When(value, None, d)
        dt = datetime.fromisoformat(s)
    except ValueError:
        return When(value, None, None)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return When(value, dt, dt.astimezone(timezone.utc).date())


def compare(a: When, b: When) -> int | None:
    """-1 if a is earlier, 1 if later, 0 if tied at the available precision, None if undated."""
    if not a.dated or not b.dated:
        return None
    if a.instant is not None and b.instant is not None:
        return (a.instant > b.instant) - (a.instant < b.instant)
    return (a.day > b.day) - (a.day < b.day)  # type: ignore[operator]


@dataclass
class Earliest:
    """The earliest of a set of articles carrying the same passage."""

    status: str  # decided | tie | undated | none
    keys: list[Key] = field(default_factory=list)  # the earliest (several when tied)
    date: str | None = None
    undated: list[Key] = field(default_factory=list)  # members without a usable date
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "keys": list(self.keys),
            "date": self.date,
            "undated": list(self.undated),
            "note": self.note,
        }


def earliest(members: Sequence[tuple[Key, When]]) -> Earliest:
    """Earliest member by date; ties and undated members are reported, never resolved."""
    dated = [(k, w) for k, w in members if w.dated]
    undated = [k for k, w in members if not w.dated]
    if not dated:
        return Earliest("undated" if undated else "none", [], None, undated, "no member has a date")
    first_k, first_w = dated[0]
    for k, w in dated[1:]:
        if compare(w, first_w) == -1:
            first_k, first_w = k, w
    tied = [k for k, w in dated if compare(w, first_w) == 0]
    if len(tied) > 1:
        note = f"{len(tied)} articles share the earliest date {first_w.to_str()}"
        if undated:
            note += f"; {len(undated)} more have no date"
        return Earliest(TIE, tied, first_w.to_str(), undated, note)
    if undated:
        return Earliest(
            UNDATED,
            [first_k],
            first_w.to_str(),
            undated,
            f"earliest dated article; {len(undated)} article(s) without a date could be earlier",
        )
    return Earliest(DECIDED, [first_k], first_w.to_str(), [], "earliest by date")
