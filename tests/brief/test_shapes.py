"""Each shape on known answers, in the six languages: the fact is found with the brief's exact spelling."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.brief import detect_language, find_all


def _found(text: str, lang: str) -> set[tuple[str, str]]:
    return {(f.kind, f.text) for f in find_all(text, lang)}


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        (
            "en",
            "Doors open at 8pm on Friday 12 March. Tickets £12.50 at harbourhall.co.uk or call "
            "020 7946 0958.",
            {
                ("date", "8pm on Friday 12 March"),
                ("price", "£12.50"),
                ("url", "harbourhall.co.uk"),
                ("phone", "020 7946 0958"),
            },
        ),
        (
            "fr",
            "Soirée le 12 mars à 20h. Billets 49,90 € sur theatre-lyon.fr. Appelez le 01 23 45 67 89.",
            {
                ("date", "12 mars à 20h"),
                ("price", "49,90 €"),
                ("url", "theatre-lyon.fr"),
                ("phone", "01 23 45 67 89"),
            },
        ),
        (
            "de",
            "Am 3. Mai um 19 Uhr in Berlin. Nur 29,99 € für den 5 kg Sack. Ruf an: +49 30 1234567.",
            {
                ("date", "3. Mai um 19 Uhr"),
                ("price", "29,99 €"),
                ("quantity", "5 kg"),
                ("phone", "+49 30 1234567"),
            },
        ),
        (
            "es",
            "El 5 de junio a las 21:00 en Madrid. Solo 19,95 €. Llama al 912 345 678.",
            {("date", "5 de junio a las 21:00"), ("price", "19,95 €"), ("phone", "912 345 678")},
        ),
        ("it", "Il 7 aprile alle 18 a Milano. Solo 15 €.", {("date", "7 aprile alle 18"), ("price", "15 €")}),
        (
            "pt",
            "Em 10 de outubro às 19h em Lisboa. Apenas R$ 49,90.",
            {("date", "10 de outubro às 19h"), ("price", "R$ 49,90")},
        ),
    ],
)
def test_dates_prices_phones_and_addresses_in_six_languages(lang, text, want):
    assert want <= _found(text, lang)
    assert detect_language(text) == lang


def test_names_codes_tags_titles_and_claims_by_their_shape():
    text = (
        "Trail X 3 by Peak: 2-year warranty, vet-designed, 30% off with code SPRING20. SKU-4471-B. "
        "Join «The Glass Sea» and “Run Wild Week” with #RunWild and @peakrun, 12g of protein."
    )
    found = _found(text, "en")
    assert {
        ("model", "Trail X 3"),
        ("proof", "2-year warranty"),
        ("proof", "vet-designed"),
        ("code", "SPRING20"),
        ("code", "SKU-4471-B"),
        ("title", "The Glass Sea"),
        ("title", "Run Wild Week"),
        ("hashtag", "#RunWild"),
        ("handle", "@peakrun"),
        ("quantity", "30%"),
        ("quantity", "12g"),
    } <= found


def test_durations_thousands_and_years_are_not_dates_or_phones():
    found = _found("Dough rested 48 hours, baked in 90 seconds, 300.000 users, from 2019-2024, 24/7.", "en")
    assert not {k for k, _ in found} & {"date", "phone"}, found
    assert ("quantity", "48 hours") in found


def test_a_text_without_a_digit_has_no_quantity_and_does_not_load_the_unit_tables():
    from studio.brief import shapes

    shapes._quantity_parser.cache_clear()
    assert shapes.quantities("Brewed for twelve hours, a dozen times smoother.") == []
    assert shapes._quantity_parser.cache_info().currsize == 0  # quantulum3's 0.3 s load was skipped
    assert [f.text for f in shapes.quantities("Brewed for 12 hours.")] == ["12 hours"]
    assert shapes._quantity_parser.cache_info().currsize == 1


def test_the_language_model_is_let_go_after_the_story_and_loaded_again_when_a_brief_needs_it(
    settings,
) -> None:
    from studio.bootstrap import open_context
    from studio.brief import language
    from studio.models import Brief
    from studio.service import Studio

    text = "Unsere Bäckerei backt jeden Morgen frisches Brot für die ganze Nachbarschaft."
    language.detect_language.cache_clear()
    assert detect_language(text) == "de" and language._held  # read, and held for the next brief
    language.let_go()
    assert not language._held
    language.detect_language.cache_clear()
    assert detect_language(text) == "de" and language._held  # loaded again, the same reading
    studio = Studio(open_context(settings))
    try:
        gen = studio.create(Brief(prompt="Fresh sourdough from Kornhaus, baked at dawn.", mode="interactive"))
        gen = studio.run(gen.id)
    finally:
        studio.ctx.runner.shutdown()
    assert (gen.status, gen.stage) == ("awaiting_approval", "story")
    assert not language._held  # the story is written: the model's ~45 MB are not kept beside the rest


_SIX = {
    "en": "Our bakery bakes fresh bread every morning for the whole neighbourhood.",
    "de": "Unsere Bäckerei backt jeden Morgen frisches Brot für die ganze Nachbarschaft.",
    "es": "Nuestra panadería hornea pan fresco cada mañana para todo el barrio.",
    "fr": "Notre boulangerie cuit du pain frais chaque matin pour tout le quartier.",
    "pt": "A nossa padaria coze pão fresco todas as manhãs para todo o bairro.",
    "it": "Il nostro forno sforna pane fresco ogni mattina per tutto il quartiere.",
}


def test_the_language_model_is_cached_narrowed_to_the_six_and_reads_exactly_as_py3langids_own(
    tmp_path, monkeypatch
) -> None:
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from studio.brief import language

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = language.cache_path()
    assert path.parent == tmp_path / "ad-studio" and not path.exists()
    first = language._load()  # from py3langid's file, then written to the cache
    assert path.exists() and not list(path.parent.glob(".*.part"))
    own = LanguageIdentifier.from_model_file(MODEL_FILE)
    own.set_languages(list(language.LANGUAGES))

    def never(*_a, **_k):
        raise AssertionError("the cached model was there: py3langid's 0.3 s file must not be read")

    monkeypatch.setattr(LanguageIdentifier, "from_model_file", classmethod(never))
    cached = language._load()
    assert cached.nb_ptc.shape[1] == len(language.LANGUAGES)  # 6 columns kept, not 97
    for lang, text in _SIX.items():
        want = own._decide(text)
        assert np.array_equal(first._decide(text), want) and np.array_equal(cached._decide(text), want)
        assert cached.classify(text)[0] == lang


def test_a_torn_or_unwritable_language_cache_still_reads_the_brief(tmp_path, monkeypatch) -> None:
    from studio.brief import language

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = language.cache_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"PK\x03\x04 torn by a crash")
    assert language._load().classify(_SIX["it"])[0] == "it"  # read from py3langid's file again
    assert language._load().classify(_SIX["pt"])[0] == "pt" and path.stat().st_size > 10_000_000  # rewritten
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert language._load().classify(_SIX["fr"])[0] == "fr"  # nothing cached, the brief still read


def test_a_brief_with_no_digit_and_no_days_name_is_never_searched_for_dates() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from studio.brief import find_all; "
        "found = find_all('Smooth, bold coffee brewed for twelve hours and delivered every week.', 'en'); "
        "assert not [f for f in found if f.kind == 'date'], found; "
        "assert 'dateparser.search' not in sys.modules, 'a clause that cannot hold a date was searched'; "
        "found = find_all('Open every Sunday, from noon.', 'en'); "
        "assert [f.text for f in found if f.kind == 'date'] == ['Sunday'], found; "
        "assert 'dateparser.search' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


_WORDS = ["open", "every", "Friday", "mars", "Mai", "at", "8pm", "12", "March", "from", "noon", "hours",
          "week", "twelve", "le", "à", "20h", "domingo", "3.", "2027", "15/04", "Sunday", "morning", "sábado"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=7), min_size=1, max_size=4),
       st.sampled_from(["en", "es", "fr", "de", "pt", "it"]))
def test_skipping_clauses_that_cannot_hold_a_date_finds_the_same_dates(clauses, lang) -> None:
    """Generated text: the dates found with the clause filter equal those found searching every clause."""
    from unittest import mock

    from studio.brief import shapes

    text = ". ".join(" ".join(words) for words in clauses) + "."
    filtered = [(f.text, f.start) for f in shapes.dates(text, lang)]
    with mock.patch.object(shapes, "_may_hold_a_date", lambda _clause, _lang: True):
        assert [(f.text, f.start) for f in shapes.dates(text, lang)] == filtered


_AT_ONCE = '''
import threading
from studio.brief import read_fact_sheet
briefs = ["Trail running shoes from Peak that grip wet rock",
          "Cold brew from Morning Ritual, smooth and strong",
          "Doors open at 8pm on Friday 12 March. Tickets £12.50, 2 kg bags",
          "Open every Sunday at Bellini's Deli"]
errors, start = [], threading.Barrier(len(briefs))
def read(brief):
    start.wait()
    try:
        read_fact_sheet(brief)
    except Exception as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=read, args=(b,)) for b in briefs]
[t.start() for t in threads]
[t.join() for t in threads]
assert not errors, errors
'''


def test_briefs_read_at_once_in_a_fresh_process_load_the_readers_without_a_deadlock() -> None:
    """A batch writes several stories at once: the first briefs of a process, read on four threads, each
    load dateparser (and quantulum3) safely; reading a day's name beside a search had deadlocked its
    imports every time."""
    import subprocess
    import sys

    for _ in range(2):
        subprocess.run([sys.executable, "-c", _AT_ONCE], check=True, capture_output=True, timeout=120)
