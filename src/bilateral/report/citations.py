"""Citation numbers: each cited event gets one number, in the order the report first cites it."""
from __future__ import annotations

from typing import Iterable


class Citations:
    """Numbers events as the report cites them; the evidence section lists them in that order.

    ``cite`` is idempotent per event: citing an event twice gives the same number, so every
    ``[n]`` in the text resolves to exactly one evidence row.
    """

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def cite(self, event_ids: Iterable[str | None], limit: int | None = None) -> list[int]:
        """Numbers for these events (new ones appended), at most ``limit`` of them, in citing order."""
        numbers: list[int] = []
        for event_id in event_ids:
            if not event_id:
                continue
            if event_id not in self._numbers:
                self._numbers[event_id] = len(self._numbers) + 1
            number = self._numbers[event_id]
            if number not in numbers:
                numbers.append(number)
            if limit is not None and len(numbers) >= limit:
                break
        return numbers

    def number(self, event_id: str) -> int | None:
        """The number of an already cited event, else None."""
        return self._numbers.get(event_id)

    @property
    def event_ids(self) -> list[str]:
        """Cited event ids in number order (number n is at index n - 1)."""
        return list(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)


def marker(numbers: list[int]) -> str:
    """The in-text marker for citation numbers: ``[1]``, ``[1, 4]``; empty when none."""
    return f"[{', '.join(str(n) for n in numbers)}]" if numbers else ""
