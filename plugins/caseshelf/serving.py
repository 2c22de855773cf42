"""`mkdocs serve`: Python's full garbage collections in the pauses between builds.

Under `serve` the process keeps what the last build found (each case file's check, the
plan), and every build makes tens of thousands of objects that live until it ends. Python
then walks the whole heap in a full collection once or twice during each rebuild: at
10,000 cases, about half a second of a `--dirty` rebuild that should take two. So under
`serve` the collector's automatic full collections are off: the young generations are
still collected as always, and a full collection runs a moment after each build ends,
while the reader looks at the page the browser has just reloaded. A rebuild that starts
meanwhile only waits for that collection to end."""

from __future__ import annotations

import gc
import threading

PAUSE = 1.0  # seconds after a build ends: the browser has asked for the reloaded page by then
NEVER = 2**31 - 1  # collections of the middle generation before a full one


class Pauses:
    """Full collections after builds, not during them; does nothing unless `serving`."""

    def __init__(self, serving: bool = False) -> None:
        self.serving = serving
        self.timer: threading.Timer | None = None
        self.thresholds = gc.get_threshold()  # Python's, put back when `serve` ends
        if serving:
            gc.set_threshold(*self.thresholds[:2], NEVER)

    def built(self) -> None:
        """A build has ended, well or not: collect everything in a moment."""
        if not self.serving:
            return
        if self.timer is not None:
            self.timer.cancel()
        self.timer = threading.Timer(PAUSE, gc.collect)
        self.timer.daemon = True  # `serve` ends without waiting for it
        self.timer.start()

    def stop(self) -> None:
        """`serve` has ended: no collection to come, and the collector as it was."""
        if self.timer is not None:
            self.timer.cancel()
        if self.serving:
            gc.set_threshold(*self.thresholds)
            self.serving = False
