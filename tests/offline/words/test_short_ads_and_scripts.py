"""Short ads written to their word budget; briefs in Chinese, Arabic and emoji; the brief's own capitals."""

from __future__ import annotations

import re

import pytest

from studio.config import PipelineConfig
from studio.models import FRAMEWORK_BEATS, Beat, Brief, Story, StoryCritique
from studio.offline.words.brief_reader import read_brief
from studio.offline.words.critic import fact_allowance
from studio.offline.words.director import word_budget
from studio.offline.words.scripts import zhe_to_percent_off
from studio.offline.words.text import split_sentences, word_count
from studio.pipeline.scenes import write_scenes
from studio.pipeline.story import write_story
from studio.providers.offline import OfflineWriter
from studio.providers.ports import StoryCriticRequest, StoryDirectorRequest
from studio.run import Run

BAR = PipelineConfig().quality.story_bar
PEAK = "Trail running shoes from Peak that grip wet rock. For weekend runners. 20% off this week."
GLOW = "Glow, a vitamin C face serum that fades dark spots in 4 weeks. Free shipping."
CHAIR = "Posturo ergonomic chair. Tired of back pain? It fixes back pain for people who work from home."
BUDS = "AeroPods Pro wireless earbuds with 30 hours battery and active noise cancelling. Only $129."
CHINESE = "Peak 越野跑鞋，湿滑岩石也能抓地。周末跑者专属，本周八折。"
ARABIC = "أحذية الجري Peak تثبت على الصخور المبللة. خصم 20٪ هذا الأسبوع"
EMOJI = "👟🏔️💧 Peak trail shoes 🔥 20% off"


@pytest.fixture(scope="module")
def writer() -> OfflineWriter:
    return OfflineWriter()


def _ad(writer: OfflineWriter, prompt: str, duration: int, seed: int) -> tuple[Story, list]:
    brief = Brief(prompt=prompt, duration_s=duration)
    run = Run.detached()
    story = write_story(brief, writer, PipelineConfig(), seed, run=run)
    return story, write_scenes(brief, story, None, writer, PipelineConfig(), seed, run=run)


@pytest.mark.parametrize("duration", [6, 8])
@pytest.mark.parametrize("prompt", [PEAK, GLOW, CHAIR, BUDS, CHINESE, ARABIC, EMOJI])
def test_a_short_ad_speaks_every_beat_in_every_scene_within_its_budget(writer, prompt, duration):
    budget = word_budget(duration)
    assert budget == {6: 8, 8: 13}[duration]
    for seed in range(3):
        story, scenes = _ad(writer, prompt, duration, seed)
        assert [b.name for b in story.beats] == list(FRAMEWORK_BEATS[story.framework])
        assert all(b.text.strip() for b in story.beats), story.beats
        # a CTA that says the brief's offer whole ('Get 20% off this week') may take its extra words
        fits = budget + fact_allowance(story)
        assert word_count(" ".join(story.voiceover)) <= fits * 1.2, story.voiceover
        assert (story.critic_score or 0) >= BAR, story.critique
        spoken = [s.voiceover for s in scenes]
        assert all(word_count(v) >= 1 for v in spoken), spoken
        assert word_count(" ".join(spoken)) <= fits * 1.2, spoken
        heard = " ".join(spoken)
        for beat in story.beats:  # no beat is dropped on the way to the scenes
            assert all(s in heard for s in split_sentences(beat.text)), (beat, spoken)
        assert story.call_to_action.rstrip(".!") in spoken[-1]


def test_a_six_second_ad_reads_as_hook_product_benefit_and_offer(writer):
    story, _ = _ad(writer, PEAK, 6, 5)
    assert story.voiceover[0] == "Weekend runners?"
    assert "Peak" in story.voiceover[1] and "grips wet rock" in story.voiceover[2].lower()
    assert "20% off" in story.voiceover[3] and story.call_to_action.startswith("Get")


def test_the_critic_fails_an_over_long_short_story_and_its_revision_passes(writer):
    brief = Brief(prompt=PEAK, duration_s=6, framework="AIDA")
    lines = [
        "Calling all weekend runners who love the trail!",
        "Meet Peak, the trail running shoes made for weekend runners.",
        "They grip wet rock, so you can run any trail with confidence.",
        "Don't wait. Get 20% off this week.",
    ]
    long = Story(
        title="Peak",
        product_name="Peak",
        text=" ".join(lines),
        framework="AIDA",
        beats=[Beat(name=n, text=t) for n, t in zip(FRAMEWORK_BEATS["AIDA"], lines, strict=True)],
        voiceover=lines,
        call_to_action="Get 20% off this week.",
    )
    first = writer.generate(StoryCriticRequest(brief=brief, story=long), StoryCritique)
    assert first.score < BAR and any("Too long" in i for i in first.issues), first.critique
    revised = writer.generate(
        StoryDirectorRequest(brief=brief, seed=1, feedback=None, previous=long, critique=first),
        Story,
    )
    fits = word_budget(6) + fact_allowance(revised)  # 'Get 20% off this week' said whole
    assert word_count(" ".join(revised.voiceover)) <= fits * 1.2, revised.voiceover
    assert [b.name for b in revised.beats] == list(FRAMEWORK_BEATS["AIDA"])
    again = writer.generate(StoryCriticRequest(brief=brief, story=revised), StoryCritique)
    assert again.score >= BAR, again.critique
    assert "20% off" in " ".join(revised.voiceover) and "Peak" in " ".join(revised.voiceover)


def test_a_story_that_fits_a_short_ad_still_passes(writer):
    brief = Brief(prompt=PEAK, duration_s=8, framework="AIDA")
    lines = ["Weekend runners?", "Meet Peak.", "It grips wet rock.", "Get 20% off this week."]
    fits = Story(
        title="Peak",
        product_name="Peak",
        text=" ".join(lines),
        framework="AIDA",
        beats=[Beat(name=n, text=t) for n, t in zip(FRAMEWORK_BEATS["AIDA"], lines, strict=True)],
        voiceover=lines,
        call_to_action="Get 20% off this week.",
    )
    assert writer.generate(StoryCriticRequest(brief=brief, story=fits), StoryCritique).score >= BAR


@pytest.mark.parametrize(
    ("prompt", "offer"),
    [(CHINESE, "20% off this week"), (ARABIC, "20% off this week"), (EMOJI, "20% off")],
)
def test_brand_and_offer_survive_chinese_arabic_and_emoji_briefs(writer, prompt, offer):
    facts = read_brief(prompt)
    assert facts.brand == "Peak" and facts.offer == offer
    for duration in (6, 15):
        story, scenes = _ad(writer, prompt, duration, 2)
        spoken = " ".join(story.voiceover)
        assert story.product_name == "Peak" and "Peak" in spoken and "20% off" in spoken
        assert "20% off" in scenes[-1].voiceover
    if facts.generic:
        said = " ".join(story.assumptions)
        assert "English" in said and "'Peak'" in said and "20% off" in said


def test_the_emoji_brief_keeps_its_latin_product_noun():
    assert read_brief(EMOJI).noun == "trail shoes"
    only_emoji = read_brief("👟 by Peak. 30% off")
    assert only_emoji.noun == "shoes" and any("emoji" in a for a in only_emoji.assumptions)


@pytest.mark.parametrize(
    ("text", "off"),
    [
        ("八折", "20% off"),
        ("九折", "10% off"),
        ("七五折", "25% off"),
        ("8.5折", "15% off"),
        ("两件七折", "30% off"),
    ],
)
def test_chinese_zhe_discounts_read_as_percent_off(text, off):
    assert read_brief(f"Peak 跑鞋 {text}").discount == off


def test_zhe_figures_and_arabic_digits():
    assert [zhe_to_percent_off(v) for v in ("八", "九", "七五", "9", "7.5", "75", "十")] == [
        20,
        10,
        25,
        10,
        25,
        25,
        None,
    ]
    arabic = read_brief("حذاء Peak خصم ٣٠٪ اليوم")
    assert arabic.discount == "30% off" and arabic.when == "today only" and arabic.brand == "Peak"
    assert read_brief("Peak 跑鞋 包邮").free_shipping


def test_nouns_keep_the_capitals_the_brief_gave_them(writer):
    assert read_brief(GLOW).noun == "vitamin C face serum"
    assert read_brief("Vitamin C Serum for busy parents").noun == "vitamin C serum"
    assert read_brief("Trail running shoes from Peak").noun == "trail running shoes"
    story, _ = _ad(writer, "A vitamin C face serum that fades dark spots. For busy parents.", 15, 1)
    spoken = " ".join(story.voiceover)
    assert "vitamin C" in spoken and "vitamin c " not in spoken


@pytest.mark.parametrize(
    "prompt", ["running shoes", "wireless earbuds with 30 hours battery", "a face serum"]
)
def test_a_thin_brief_never_names_its_noun_twice_in_one_sentence(writer, prompt):
    head = re.sub(r"\s+with.*", "", prompt).split()[-1]
    for duration in (6, 15, 30):
        for seed in range(6):
            story, scenes = _ad(writer, prompt, duration, seed)
            for line in [*story.voiceover, *(s.voiceover for s in scenes)]:
                for sentence in split_sentences(line):
                    assert len(re.findall(rf"\b{head}\b", sentence.lower())) <= 1, sentence
