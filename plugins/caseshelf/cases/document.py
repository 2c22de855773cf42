"""Read a case file's bytes and split it into front-matter and body, keeping positions.

python-frontmatter splits well but forgets where things were; every message here must
name a line, so the split is done by line with the offsets kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .problems import CaseFileError, Code, Severity

MAX_BYTES = 200_000
BOM = "\ufeff"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_FENCE = "---"

EMPTY_FILE = Code("empty-file", Severity.ERROR, "The file has nothing in it.",
                  "Start from `caseshelf new` or the example above.")
FRONT_MATTER_MISSING = Code(
    "front-matter-missing", Severity.ERROR, "The file does not start with a `---` line.",
    "Put the fields between two `---` lines at the very top.")
FRONT_MATTER_UNCLOSED = Code("front-matter-unclosed", Severity.ERROR,
                             "The fields are never closed.",
                             "Add a `---` line after the last field.")
ENCODING = Code("encoding", Severity.ERROR, "The file is not saved as UTF-8.",
                'Save it as UTF-8 (most editors offer this under "Save as" or "Encoding").')
FILE_SIZE = Code("file-size", Severity.ERROR, f"The file is over {MAX_BYTES:,} bytes.",
                 "Shorten it; link to long annexes instead.")
# reported by the checker, which finds the files and opens them
FILE_TYPE = Code("file-type", Severity.ERROR, "A file in `cases/` does not end in `.md`.",
                 "Rename it to `.md`, or move it out of `cases/`.")
UNREADABLE = Code("unreadable", Severity.ERROR,
                  "The file cannot be read: it is a folder, or you may not read it.",
                  "Make it a file you can read, or move it out of `cases/`.")
HIDDEN_FILE = Code("hidden-file", Severity.ERROR,
                   "A file in `cases/` is hidden: its name, or a folder's, starts with a dot, "
                   "or it has nothing before `.md`. The site would skip it.",
                   "Name the file after the case, as suggested, outside any hidden folder.")
CODES = (EMPTY_FILE, FRONT_MATTER_MISSING, FRONT_MATTER_UNCLOSED, ENCODING, FILE_SIZE,
         FILE_TYPE, HIDDEN_FILE, UNREADABLE)


@dataclass
class Document:
    """A case file split into its parts.

    `yaml_line` is the 1-based line of the file where the YAML text starts, so a
    0-based YAML mark at line n is file line `yaml_line + n`.
    """

    path: str
    text: str
    yaml_text: str
    yaml_line: int
    body: str
    body_line: int
    newline: str


def _fail(path: str, line: int, col: int, code: Code, message: str) -> CaseFileError:
    return CaseFileError(code.at(path, line, col, message))


def decode(path: str, data: bytes) -> str:
    """Decode UTF-8 (a BOM is allowed), or fail naming the first bad byte's position."""
    if len(data) > MAX_BYTES:
        raise _fail(
            path, 1, 1, FILE_SIZE,
            f"the file is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes. "
            "Shorten the text or move long annexes to a linked document",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _fail(
            path, line, col, ENCODING,
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
            "save it with the UTF-8 encoding",
        ) from None
    return text[1:] if text.startswith(BOM) else text


def split(path: str, text: str) -> Document:
    """Split decoded text at the `---` lines that fence the front-matter."""
    if not text.strip():
        raise _fail(path, 1, 1, EMPTY_FILE,
                    "the file is empty; a case starts with a '---' line and its front-matter")
    lines = _LINE.finditer(text)  # read up to the closing fence: the body is not split
    first = next(lines)[0]
    if first.rstrip() != _FENCE:
        raise _fail(
            path, 1, 1, FRONT_MATTER_MISSING,
            "the file must start with a '---' line that opens the front-matter "
            f"(found {first.rstrip()[:40]!r})",
        )
    for index, line in enumerate(lines, start=1):
        if line[0].rstrip() in (_FENCE, "..."):
            return Document(
                path=path,
                text=text,
                yaml_text=text[len(first):line.start()],
                yaml_line=2,
                body=text[line.end():],
                body_line=index + 2,
                newline="\r\n" if first.endswith("\r\n") else "\n",
            )
    raise _fail(path, 1, 1, FRONT_MATTER_UNCLOSED,
                "the front-matter opened on line 1 is never closed; add a '---' line after it")


def read(path: Path | str) -> Document:
    """Read and split one file."""
    name = str(path)
    return split(name, decode(name, Path(path).read_bytes()))
