"""Batches of work run in worker processes: results in input order, few batches in flight, and
a worker that dies (killed for want of memory, a crash in a C library) costing only the item
it was working on.

With one worker, everything runs in this process, in the same order: the output never depends
on the number of workers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
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
        self._generation = 0  # how many times the pool was replaced

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def map(self, work: Iterable[Batch[I, R] | Ready[R]]) -> Iterator[list[R]]:
        """Each batch's results, in order. Several maps may draw on one pool at once (one
        feeding the other)."""
        if self._pool is None:
            for batch in work:
                yield batch.results if isinstance(batch, Ready) else batch.run(batch.items)
            return
        pending: deque[_Sent[I, R]] = deque()
        for batch in work:
            pending.append(self._send(batch))
            if len(pending) >= self.window:
                yield self._results(pending)
        while pending:
            yield self._results(pending)

    def _send(self, batch: Batch[I, R] | Ready[R]) -> _Sent[I, R]:
        if isinstance(batch, Ready):
            future: Future[list[R]] = Future()
            future.set_result(batch.results)
            return _Sent(batch, future, self._generation)
        assert self._pool is not None
        return _Sent(batch, self._pool.submit(batch.run, batch.items), self._generation)

    def _results(self, pending: deque[_Sent[I, R]]) -> list[R]:
        """The results of the first batch in `pending`, which is then removed."""
        while True:
            sent = pending[0]
            try:
                results = sent.future.result()
            except (BrokenProcessPool, CancelledError):
                if sent.generation == self._generation:
                    # A worker died, and the pool with it. This batch is run again item by
                    # item, each alone in the pool (so that only the item that kills is
                    # blamed), then the others that were in flight are sent again.
                    self._restart()
                    assert isinstance(sent.batch, Batch)
                    results = [self._alone(sent.batch, item) for item in sent.batch.items]
                    pending.popleft()
                    self._send_again(pending)
                    return results
                self._send_again(pending)  # lost with a pool that has since been replaced
                continue
            pending.popleft()
            return results

    def _send_again(self, pending: deque[_Sent[I, R]]) -> None:
        for position, sent in enumerate(pending):
            if sent.generation != self._generation and _lost(sent.future):
                pending[position] = self._send(sent.batch)

    def _alone(self, batch: Batch[I, R], item: I) -> R:
        assert self._pool is not None
        try:
            return self._pool.submit(batch.run, [item]).result()[0]
        except (BrokenProcessPool, CancelledError):
            self._restart()
            return batch.lost(item)

    def _restart(self) -> None:
        assert self._pool is not None
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = ProcessPoolExecutor(self.count)
        self._generation += 1


@dataclass(frozen=True)
class _Sent(Generic[I, R]):
    """A batch in flight, and the pool (by generation) it was sent to."""

    batch: Batch[I, R] | Ready[R]
    future: Future[list[R]]
    generation: int


def _lost(future: Future[list[R]]) -> bool:
    """Whether a batch sent to a pool that has since been replaced must be sent again."""
    return future.cancelled() or future.exception() is not None
