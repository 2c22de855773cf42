"""caseshelf: public-sector innovation case studies as a static, low-bandwidth site."""

from __future__ import annotations

__version__ = "0.1.0"
