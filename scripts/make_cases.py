"""Write N deterministic synthetic case files, for benchmarks and scale tests.

The text is drawn from a Zipf-distributed vocabulary of several thousand words (the real
words of the seed documents first, then made-up words), so search indexes and page sizes
behave as they would with real prose, not with a handful of repeated words.

With `--translate N`, every Nth case also gets a translation (`<slug>.<lang>.md`) into one
other language, the target rotating over fr, es, ar, ru, zh: made-up words in that
language's script, its section headings (data/section_headings.yml) and `translated_from`,
so the translations are current. The originals are the same bytes with or without it.

    python scripts/make_cases.py 10000 /tmp/cases [--seed 1] [--translate 4]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import re
import sys
from pathlib import Path

from caseshelf.cases import languages, vocabularies
from caseshelf.cases.model import text_hash
from caseshelf.commands.yaml_text import scalar

VOCABULARY_SIZE = 6000
SEED_WORDS = Path(__file__).resolve().parent.parent / "cases"
TRANSLATION_LANGUAGES = ("fr", "es", "ar", "ru", "zh")
SECTIONS = ("Challenge", "Innovation", "Results", "Lessons learned")
# Made-up syllables in each target language's script; Chinese is written without spaces.
SCRIPT_SYLLABLES = {
    "fr": ["é", "ra", "tion", "mé", "pu", "lè", "çon", "dé", "ou", "ve", "ni", "teur", "gè", "au"],
    "es": ["ción", "ra", "mé", "ño", "pú", "li", "ca", "dá", "es", "ro", "ti", "ví", "lla", "de"],
    "ar": ["ال", "مـ", "كتا", "ب", "وز", "ارة", "حـ", "كو", "مة", "تـ", "نمـ", "ية", "شر", "قي"],
    "ru": ["про", "ра", "ство", "ми", "ни", "ре", "гос", "ку", "ла", "ть", "ен", "дом", "ще", "ка"],
    "zh": list("政府创新服务公共数字管理发展项目地方平台社会经济合作城市技术系统部门改革信息"
               "民众教育卫生培训机构国家区域网络中心研究办公室实施评估"),
}
SYLLABLES = ["ba", "ko", "ri", "sta", "nel", "mu", "dar", "vi", "lo", "pen", "tu", "sha", "gor",
             "ya", "fe", "qui", "zan", "mor", "li", "ten", "ca", "dro", "ne", "su", "wil", "ax"]


def vocabulary() -> list[str]:
    """Real words from the sample cases, most frequent first, then pronounceable made-up words."""
    counts: dict[str, int] = {}
    for path in sorted(SEED_WORDS.glob("*.md")):
        if "." in path.stem:  # a translation (<slug>.<lang>.md): the words are the original's
            continue
        for word in re.findall(r"[a-z]{3,}", path.read_text(encoding="utf-8").lower()):
            counts[word] = counts.get(word, 0) + 1
    words = sorted(counts, key=lambda w: (-counts[w], w))
    seen = set(words)
    for length in (2, 3, 4):
        for parts in itertools.product(SYLLABLES, repeat=length):
            word = "".join(parts)
            if word not in seen:
                words.append(word)
                seen.add(word)
            if len(words) >= VOCABULARY_SIZE:
                return words
    return words


class Writer:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.words = vocabulary()
        ranks = range(1, len(self.words) + 1)
        self.weights = list(itertools.accumulate(1 / rank for rank in ranks))  # Zipf: 1/rank
        self.countries = sorted(vocabularies.regions())
        self.themes = sorted(vocabularies.themes())
        self.targets = sorted(vocabularies.targets())
        kinds = ["Ministry of", "Centre for", "Institute of", "Agency for", "Office of"]
        self.bodies = [f"{kinds[i % len(kinds)]} {w.capitalize()} {v.capitalize()}"
                       for i, (w, v) in enumerate(zip(self.words[300:500], self.words[900:1100],
                                                      strict=True))]
        ranks = range(1, len(self.bodies) + 1)
        self.body_weights = list(itertools.accumulate(1 / r for r in ranks))

    def sentence(self, low: int = 8, high: int = 20) -> str:
        n = self.rng.randint(low, high)
        words = self.rng.choices(self.words, cum_weights=self.weights, k=n)
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def case(self, index: int) -> tuple[str, str]:
        return self.case_text(index)[:2]

    def case_text(self, index: int) -> tuple[str, str, str]:
        rng = self.rng
        title = f"{self.sentence(3, 7)[:-1]} {index}"
        summary = self.sentence(12, 30)[:390]
        pick = lambda seq, low, high: sorted(rng.sample(seq, rng.randint(low, high)))  # noqa: E731
        sdgs = sorted(set(rng.sample(range(1, 18), rng.randint(1, 2)))) + pick(self.targets, 0, 2)
        added = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2000))
        lines = [
            "---",
            f"title: {scalar(title)}",
            f"summary: {scalar(summary)}",
            f"countries: [{', '.join(pick(self.countries, 1, 3))}]",
            f"themes: [{', '.join(pick(self.themes, 1, 3))}]",
            f"sdgs: [{', '.join(scalar(s) for s in sdgs)}]",
            "source:",
            f"  body: {scalar(rng.choices(self.bodies, cum_weights=self.body_weights)[0])}",
            f"  title: {scalar(self.sentence(3, 8)[:-1])}",
            f"  url: https://example.org/{index}",
            f"added: {added.isoformat()}",
            f"year: {rng.randint(1995, 2025)}",
            f"level_of_government: {rng.choice(['national', 'subnational', 'local'])}",
            f"status: {rng.choice(['pilot', 'implemented', 'scaled', 'discontinued'])}",
            f"interested_countries: [{', '.join(pick(self.countries, 0, 4))}]",
            f"tags: [{', '.join(sorted(set(rng.choices(self.words[:800], k=3))))}]",
            "---",
            self.paragraph(),
            "",
        ]
        for section in SECTIONS:
            lines += [f"## {section}", "", self.paragraph(), ""]
        text = "\n".join(lines)
        return f"case-{index:06d}", text, text_hash(title, summary, text.split("---\n", 2)[2])


class TranslationWriter:
    """Translations in made-up words of each target language's script, drawn Zipf-wise as
    the originals' words are, from their own generator so the originals do not change."""

    def __init__(self, seed: int):
        self.rng = random.Random(f"translations-{seed}")
        self.words: dict[str, list[str]] = {}
        for language, syllables in SCRIPT_SYLLABLES.items():
            found = dict.fromkeys("".join(parts) for length in (1, 2, 3)
                                  for parts in itertools.product(syllables, repeat=length))
            self.words[language] = list(found)[:VOCABULARY_SIZE // 2]
        self.weights = {language: list(itertools.accumulate(1 / r for r in range(1, len(w) + 1)))
                        for language, w in self.words.items()}

    def sentence(self, language: str, low: int = 8, high: int = 20) -> str:
        words = self.rng.choices(self.words[language], cum_weights=self.weights[language],
                                 k=self.rng.randint(low, high))
        if language == "zh":
            return "".join(words) + "。"
        return " ".join(words).capitalize() + "."

    def paragraph(self, language: str) -> str:
        gap = "" if language == "zh" else " "
        return gap.join(self.sentence(language) for _ in range(self.rng.randint(2, 5)))

    def translation(self, language: str, original_hash: str) -> str:
        headings = languages.section_headings()[language]
        title = self.sentence(language, 3, 7)[:-1]
        summary = self.sentence(language, 12, 30)
        while len(summary) < 40:  # a Chinese sentence of short words can be under the minimum
            summary += self.sentence(language, 12, 30)
        summary = summary[:390]
        lines = [
            "---",
            f"title: {scalar(title)}",
            f"summary: {scalar(summary)}",
            f"organisations: [{scalar(self.sentence(language, 2, 4)[:-1])}]",
            "translator: caseshelf benchmark",
            "reviewed: false",
            f'translated_from: "{original_hash}"',
            "---",
            self.paragraph(language),
            "",
        ]
        for section in SECTIONS:
            lines += [f"## {headings[section][0]}", "", self.paragraph(language), ""]
        return "\n".join(lines)


def write_cases(count: int, folder: Path, seed: int = 1, translate_every: int = 0) -> list[Path]:
    """Write `count` cases and return their paths (originals only). With `translate_every`
    N > 0, case 0, N, 2N, … also gets a translation, into fr, es, ar, ru, zh in turn."""
    folder.mkdir(parents=True, exist_ok=True)
    writer = Writer(seed)
    translator = TranslationWriter(seed) if translate_every else None
    paths = []
    for index in range(count):
        slug, text, original_hash = writer.case_text(index)
        path = folder / f"{slug}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        if translator and index % translate_every == 0:
            turn = index // translate_every
            language = TRANSLATION_LANGUAGES[turn % len(TRANSLATION_LANGUAGES)]
            (folder / f"{slug}.{language}.md").write_text(
                translator.translation(language, original_hash), encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--translate", type=int, default=0, metavar="N",
                        help="also translate every Nth case into one other language")
    args = parser.parse_args(argv)
    write_cases(args.count, args.folder, args.seed, args.translate)
    translated = -(-args.count // args.translate) if args.translate else 0
    print(f"wrote {args.count} cases ({translated} translated) to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
