"""Runs tasks, each in a fresh forked process, at most ``workers`` at a time, the costliest first.

A fresh process per task returns all of a task's memory to the system when it ends (WeasyPrint's
layout of a long part holds hundreds of megabytes), and a forked child already has the task and
the loaded libraries in memory: only the result travels back, through a pipe. A task's result may
add new tasks (the next pass of an edition), so the queue is ordered again on every start.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import os
import resource
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from typing import Any

logger = logging.getLogger(__name__)


@dataclass
class Task:
    """``run()`` in a child process; ``done(result)`` or ``failed(message)`` back in this one."""

    priority: tuple  #: smaller first
    run: Callable[[], Any]
    done: Callable[[Any], None]
    failed: Callable[[str], None]
    cancelled: Callable[[], bool] = lambda: False  #: skip the task when its turn comes


@dataclass
class TaskError:
    """What a task raised, sent back instead of a result."""

    message: str


class ForkScheduler:
    """The queue of tasks and the processes running them."""

    def __init__(self, workers: int):
        self.workers = max(1, workers)
        self.queue: list[tuple[tuple, int, Task]] = []
        self.order = itertools.count()
        self.context = get_context("fork")
        self.peak_kib = 0  #: the largest resident set of any child, as the children reported it

    def add(self, task: Task) -> None:
        heapq.heappush(self.queue, (task.priority, next(self.order), task))

    def run(self) -> None:
        """Until no task is queued or running."""
        running: dict[Connection, tuple[Any, Task]] = {}
        while self.queue or running:
            while self.queue and len(running) < self.workers:
                task = heapq.heappop(self.queue)[2]
                if not task.cancelled():
                    running.update([self._start(task)])
            if running:
                for connection in wait(list(running)):
                    process, task = running.pop(connection)
                    self._collect(connection, process, task)

    def _start(self, task: Task) -> tuple[Connection, tuple[Any, Task]]:
        receiver, sender = self.context.Pipe(duplex=False)
        process = self.context.Process(target=_child, args=(task, sender), daemon=True)
        process.start()
        sender.close()
        return receiver, (process, task)

    def _collect(self, connection: Connection, process, task: Task) -> None:
        try:
            result, peak_kib = connection.recv()
        except (EOFError, OSError):
            process.join()
            task.failed(f"the rendering process ended unexpectedly (exit code {process.exitcode})")
            return
        finally:
            connection.close()
        process.join()
        self.peak_kib = max(self.peak_kib, peak_kib)
        if isinstance(result, TaskError):
            task.failed(result.message)
        else:
            task.done(result)


def _child(task: Task, connection: Connection) -> None:
    """In the forked process: run the task, send its result (or what went wrong) and its peak memory."""
    try:
        result = task.run()
    except Exception as exc:  # each is reported as the task's failure, without a traceback for the user
        logger.debug("task failed: %s", traceback.format_exc())
        result = TaskError(str(exc) or type(exc).__name__)
    try:
        connection.send((result, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
        connection.close()
    except OSError:  # nobody listens any more: the build was abandoned
        os._exit(1)
    os._exit(0)  # skip the parent's atexit handlers and finalizers, inherited by the fork
