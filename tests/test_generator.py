"""The synthetic-case generator: deterministic, valid, and with a realistic vocabulary."""

from __future__ import annotations

import re
import sys
from collections import Counter

from caseshelf.cases import checker
from support.samples import ROOT, TODAY

sys.path.insert(0, str(ROOT / "scripts"))
import make_cases  # noqa: E402


def test_generated_cases_are_valid_and_deterministic(tmp_path):
    first = make_cases.write_cases(60, tmp_path / "a", seed=7)
    second = make_cases.write_cases(60, tmp_path / "b", seed=7)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    report = checker.check_paths([tmp_path / "a"], TODAY)
    assert report.problems == []
    assert len(report.cases) == 60


def test_vocabulary_is_large_and_zipf_distributed(tmp_path):
    assert len(set(make_cases.vocabulary())) >= 5000
    paths = make_cases.write_cases(300, tmp_path, seed=3)
    words = Counter(w for p in paths
                    for w in re.findall(r"[a-z]+", p.read_text(encoding="utf-8").split("---")[2]))
    ranked = [n for _, n in words.most_common()]
    assert len(words) > 2000  # thousands of distinct words, not a handful repeated
    assert ranked[0] > 10 * ranked[len(ranked) // 10]  # a heavy head and a long tail


def test_translations_are_valid_current_and_leave_the_originals_alone(tmp_path):
    plain = make_cases.write_cases(40, tmp_path / "plain", seed=5)
    originals = make_cases.write_cases(40, tmp_path / "translated", seed=5, translate_every=4)
    assert [p.read_bytes() for p in originals] == [p.read_bytes() for p in plain]
    translations = sorted((tmp_path / "translated").glob("*.*.md"))
    assert [p.name for p in translations] == [
        f"case-{i:06d}.{make_cases.TRANSLATION_LANGUAGES[i // 4 % 5]}.md" for i in range(0, 40, 4)]
    report = checker.check_paths([tmp_path / "translated"], TODAY)
    assert report.problems == []  # no stale-translation warning: translated_from is current
    assert len(report.cases) == 40
    arabic = (tmp_path / "translated" / "case-000008.ar.md").read_text(encoding="utf-8")
    assert "## التحدي" in arabic and re.search(r"[\u0600-\u06ff]{3}", arabic)
    chinese = (tmp_path / "translated" / "case-000016.zh.md").read_text(encoding="utf-8")
    assert "## 经验教训" in chinese
