"""`pagefind --service`, spoken to directly: requests on its stdin, each reply read as it
arrives on its stdout (base64 JSON, each followed by a comma).

Pagefind's Python wrapper reads one reply every 0.1 s (over 16 minutes for 10,000 pages),
so this module speaks the protocol itself. Nothing here knows MkDocs.
"""

from __future__ import annotations

import base64
import json
import subprocess
import threading
from concurrent.futures import Future

from pagefind.service import get_executable


class PagefindError(RuntimeError):
    """Pagefind refused a request or stopped."""


class PagefindService:
    """One `pagefind --service` process: `send` a request, get a Future of its reply."""

    def __init__(self) -> None:
        executable = get_executable()  # Pagefind's own lookup: PAGEFIND_BINARY_PATH, then
        # the extended build (pagefind_bin_extended), then pagefind_bin
        if executable is None:
            raise PagefindError("the Pagefind binary was not found; install `pagefind[extended]`")
        self.process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.replies: dict[int, Future] = {}
        self.sent = 0
        self.ended: PagefindError | None = None  # set when no more replies can come
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, name="pagefind-replies", daemon=True)
        self.reader.start()

    def send(self, payload: dict) -> Future:
        reply: Future = Future()
        with self.lock:
            if self.ended:
                reply.set_exception(self.ended)
                return reply
            self.sent += 1
            self.replies[self.sent] = reply
            request = {"message_id": self.sent, "payload": payload}
        try:
            self.process.stdin.write(base64.b64encode(json.dumps(request).encode("utf-8")) + b",")
        except (BrokenPipeError, ValueError):  # ValueError: stdin already closed
            self._end(PagefindError("Pagefind stopped before a request was sent"))
        return reply

    def flush(self) -> None:
        """Hand what was sent over to Pagefind."""
        try:
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):
            self._end(PagefindError("Pagefind stopped before a request was sent"))

    def ask(self, payload: dict) -> dict:
        """Send a request and wait for its answer."""
        reply = self.send(payload)
        self.flush()
        return result(reply)

    def _read(self) -> None:
        try:
            self._read_replies()
            self._end(PagefindError("Pagefind stopped before it answered"))
        except Exception as error:  # Pagefind wrote something that is not a reply
            self._end(PagefindError(f"Pagefind's reply could not be read ({error})"))

    def _end(self, failure: PagefindError) -> None:
        """No more replies will come: fail every request still waiting for one."""
        with self.lock:
            self.ended = self.ended or failure
            waiting, self.replies = list(self.replies.values()), {}
        for reply in waiting:
            if not reply.done():
                reply.set_exception(failure)

    def _read_replies(self) -> None:
        """Decode replies as they arrive; a long reply (the index) is never held twice
        over in base64."""
        message, carry = bytearray(), b""
        while chunk := self.process.stdout.read1(1 << 16):
            start = 0
            while True:
                comma = chunk.find(b",", start)
                text = carry + chunk[start:None if comma == -1 else comma]
                whole = len(text) if comma != -1 else len(text) - len(text) % 4
                message += base64.b64decode(text[:whole])
                carry = text[whole:]
                if comma == -1:
                    break
                answer = json.loads(message)
                message, carry, start = bytearray(), b"", comma + 1
                self._answer(answer)

    def _answer(self, answer: dict) -> None:
        with self.lock:
            reply = self.replies.pop(answer.get("message_id"), None)
        payload = answer["payload"]
        if reply is None:  # a request Pagefind could not even read
            self._end(PagefindError(f"Pagefind: {payload.get('message')}"))
        elif payload.get("type") == "Error":
            reply.set_exception(PagefindError(f"Pagefind: {payload.get('message')}"))
        else:
            reply.set_result(payload)

    def close(self) -> None:
        """End the process: Pagefind exits when its input ends."""
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join()

    def end(self) -> None:
        """End the process now, whatever it has still to do."""
        self.process.kill()
        self.process.wait()
        self.reader.join()


def result(reply: Future) -> dict:
    return reply.result(timeout=600)
