"""A build sanitises each distinct case body once, however many languages show it."""

from __future__ import annotations

from caseshelf.site import sanitise as module


def test_each_distinct_body_once(monkeypatch):
    calls = []
    real = module.sanitise
    monkeypatch.setattr(module, "sanitise", lambda html: calls.append(html) or real(html))
    sanitised = module.sanitiser()
    body = '<p>Kiosks <img src="x" onerror="alert(1)"><script>alert(2)</script></p>'
    other = '<p><a href="javascript:alert(3)">mobile</a> <em>clinics</em></p>'
    pages = [sanitised(html) for html in (body, other, "".join(body), body, other)]
    assert pages == [real(body), real(other), real(body), real(body), real(other)]
    assert "onerror" not in pages[0] and "script" not in pages[0]
    assert "javascript" not in pages[1] and "<em>clinics</em>" in pages[1]
    assert calls == [body, other]  # an equal text, another object, is not sanitised again
    assert pages[0] is pages[3]  # the pages of one body share its string
