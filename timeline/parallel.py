"""Batches of work run in worker processes: results in input order, few batches in flight, and
a worker that dies (killed for want of memory, a crash in a C library) costing only the item
it was working on.

With one worker, everything runs in this process, in the same order: the output never depends
on the number of workers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Generic, TypeVar

I = TypeVar("I")  # noqa: E741 (an item)
R = TypeVar("R")  # a result


@dataclass(frozen=True)
class Batch(Generic[I, R]):
    """`run(items)` gives one result per item (a picklable, pure function); `lost(item)` is
    the result for an item whose worker process died on it."""

    run: Callable[[list[I]], list[R]]
    items: list[I]
    lost: Callable[[I], R]


@dataclass(frozen=True)
class Ready(Generic[R]):
    """Results already at hand, kept in their place among the batches."""

    results: list[R]


class Workers:
    """A pool of worker processes (none when `count` is 1), used as a context manager."""

    def __init__(self, count: int, tasks_per_worker: int = 4) -> None:
        self.count = count
        self.window = count * tasks_per_worker  # batches in flight: bounds what waits in queues
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(count) if count > 1 else None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def map(self, work: Iterable[Batch[I, R] | Ready[R]]) -> Iterator[list[R]]:
        """Each batch's results, in order."""
        if self._pool is None:
            for batch in work:
                yield batch.results if isinstance(batch, Ready) else batch.run(batch.items)
            return
        pending: deque[tuple[Batch[I, R] | Ready[R], Future[list[R]]]] = deque()
        for batch in work:
            pending.append((batch, self._submit(batch)))
            if len(pending) >= self.window:
                yield self._results(*pending.popleft(), pending)
        while pending:
            yield self._results(*pending.popleft(), pending)

    def _submit(self, batch: Batch[I, R] | Ready[R]) -> Future[list[R]]:
        if isinstance(batch, Ready):
            future: Future[list[R]] = Future()
            future.set_result(batch.results)
            return future
        assert self._pool is not None
        return self._pool.submit(batch.run, batch.items)

    def _results(
        self,
        batch: Batch[I, R] | Ready[R],
        future: Future[list[R]],
        pending: deque[tuple[Batch[I, R] | Ready[R], Future[list[R]]]],
    ) -> list[R]:
        try:
            return future.result()
        except BrokenProcessPool:
            # A worker died, and the pool with it: every batch in flight is lost. This one is
            # run again item by item, to find the item that kills; the others as they were.
            assert isinstance(batch, Batch)
            self._restart()
            results = [self._alone(batch, item) for item in batch.items]
            for position, (other, earlier) in enumerate(pending):
                if _lost(earlier):
                    pending[position] = (other, self._submit(other))
            return results

    def _alone(self, batch: Batch[I, R], item: I) -> R:
        assert self._pool is not None
        try:
            return self._pool.submit(batch.run, [item]).result()[0]
        except BrokenProcessPool:
            self._restart()
            return batch.lost(item)

    def _restart(self) -> None:
        assert self._pool is not None
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = ProcessPoolExecutor(self.count)


def _lost(future: Future[list[R]]) -> bool:
    """Whether a batch sent to a pool that has since broken must be sent again."""
    return future.cancelled() or future.exception() is not None
