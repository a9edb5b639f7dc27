"""The ports' request models: one per text task (named after its prompt file), one per other port; a request
with a missing, unknown or mistyped field is refused when it is made; the offline adapters answer each."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path
from typing import get_args

import pytest
import yaml
from PIL import Image
from pydantic import TypeAdapter, ValidationError

from studio.config import PROMPTS_DIR
from studio.models import (
    Brief,
    BriefFactSheet,
    ConsistencyContext,
    ImagePrompt,
    Intent,
    ReferenceAnalysis,
    SceneCritique,
    ScenePlan,
    Story,
    StoryCritique,
)
from studio.providers.offline import EspeakSpeech, OfflineWriter, OpenCVInpainter, PixelAnalyst
from studio.providers.ports import (
    TEXT_REQUESTS,
    FactReaderRequest,
    ImagePromptRequest,
    InpaintRequest,
    IntentRequest,
    PromptCinematographerRequest,
    PromptEngineerRequest,
    SceneCohesorRequest,
    SceneCriticRequest,
    SceneWriterRequest,
    SpeechRequest,
    StoryCriticRequest,
    StoryDirectorRequest,
    TextRequest,
    TextTask,
    VisionRequest,
)
from studio.run import Run

BRIEF = Brief(prompt="Glow serum by Lumen: 20% off this week at lumen.example", duration_s=15)
CONTEXT = ConsistencyContext(
    character_appearance="a woman in her thirties, short dark hair",
    product_features="an amber dropper bottle with a gold cap",
    color_palette=["#c8a15a", "#f4efe6"],
    visual_style="clean studio light",
    environmental_context="a bright bathroom shelf",
)


def test_each_task_has_one_request_whose_fields_are_its_prompt_files_variables() -> None:
    assert set(TEXT_REQUESTS) == set(get_args(TextTask))
    for task, request_type in TEXT_REQUESTS.items():
        declared = yaml.safe_load((PROMPTS_DIR / f"{task}.yaml").read_text(encoding="utf-8"))["variables"]
        fields = [name for name in request_type.model_fields if name != "task"]
        assert sorted(fields) == sorted(declared), task


def test_a_text_request_is_told_apart_by_its_task_and_an_unknown_task_is_refused() -> None:
    adapter = TypeAdapter(TextRequest)
    asked = adapter.validate_python({"task": "intent", "message": "warmer", "stage": "story"})
    assert isinstance(asked, IntentRequest) and asked.variables() == {"message": "warmer", "stage": "story"}
    with pytest.raises(ValidationError, match="poem"):
        adapter.validate_python({"task": "poem", "prompt": "roses"})
    with pytest.raises(ValidationError, match="story"):  # a critic request needs the story
        adapter.validate_python({"task": "story_critic", "brief": BRIEF})


@pytest.mark.parametrize(
    "make",
    [
        lambda: StoryCriticRequest(brief=BRIEF),  # no story
        lambda: StoryDirectorRequest(brief="a brief as a string"),  # not a Brief
        lambda: SceneWriterRequest(brief=BRIEF, story=None),  # the writer needs a story
        lambda: SceneCohesorRequest(brief=BRIEF, story=None, plan=ScenePlan(scenes=[])),
        lambda: IntentRequest(message="warmer", stage="nowhere"),  # not a stage
        lambda: ImagePromptRequest(brief=BRIEF, role="poster"),  # not a reference kind
        lambda: PromptEngineerRequest(prompt="a shoe", seed=3),  # no such variable
        lambda: FactReaderRequest(),  # no brief text
        lambda: VisionRequest(image_path=Path("ref.png"), kind="poster"),
        lambda: VisionRequest(kind="product"),  # no image
        lambda: InpaintRequest(image=Path("in.png"), prompt="a plant"),  # no mask
        lambda: InpaintRequest(image=Path("in.png"), mask=Path("m.png"), prompt="a plant", seed="seven"),
        lambda: SpeechRequest(text="Glow.", out_path=Path("v.wav"), speed=1.2),  # no such parameter
        lambda: SpeechRequest(out_path=Path("v.wav")),  # no text
    ],
)
def test_a_request_with_a_missing_unknown_or_mistyped_field_is_refused(make) -> None:
    with pytest.raises(ValidationError):
        make()


def test_a_scene_count_or_scene_id_below_one_is_refused() -> None:
    story = OfflineWriter().generate(StoryDirectorRequest(brief=BRIEF, seed=3), Story)
    with pytest.raises(ValidationError, match="scene_count"):
        SceneWriterRequest(brief=BRIEF, story=story, scene_count=0)
    with pytest.raises(ValidationError, match="scene_id"):
        SceneWriterRequest(brief=BRIEF, story=story, scene_count=3, scene_id=0)


def test_the_offline_writer_answers_every_text_request() -> None:
    writer = OfflineWriter()
    answered: set[str] = set()

    def ask(request, output_type):  # type: ignore[no-untyped-def]
        answer = writer.generate(request, output_type, Run.detached())
        assert isinstance(answer, output_type), request.task
        answered.add(request.task)
        return answer

    story = ask(StoryDirectorRequest(brief=BRIEF, seed=3, facts=["Say the brand Lumen."]), Story)
    assert story.voiceover and story.call_to_action
    critique = ask(StoryCriticRequest(brief=BRIEF, story=story), StoryCritique)
    assert 0 <= critique.score <= 10
    revised = ask(StoryDirectorRequest(brief=BRIEF, seed=3, previous=story, critique=critique), Story)
    assert revised.title
    scenes = SceneWriterRequest(brief=BRIEF, story=story, context=CONTEXT, scene_count=3, seed=3)
    plan = ask(scenes, ScenePlan)
    assert len(plan.scenes) == 3
    assert ask(SceneCriticRequest(brief=BRIEF, story=story, plan=plan), SceneCritique).critique
    cohered = ask(SceneCohesorRequest(brief=BRIEF, story=story, plan=plan, context=CONTEXT), ScenePlan)
    assert [s.id for s in cohered.scenes] == [s.id for s in plan.scenes]
    one = ask(
        SceneWriterRequest(brief=BRIEF, story=story, scene_count=3, seed=3, feedback="a closer shot",
                           previous=plan, scene_id=2),
        ScenePlan,
    )  # fmt: skip
    assert [s.description for s in one.scenes][::2] == [s.description for s in plan.scenes][::2]
    assert ask(IntentRequest(message="more about the colours", stage="story"), Intent) == Intent(
        action="refine", text="more about the colours"
    )
    prompt = ask(ImagePromptRequest(brief=BRIEF, story=story, role="product", context=CONTEXT), ImagePrompt)
    assert prompt.prompt
    shot = ask(PromptCinematographerRequest(prompt="an amber bottle"), ImagePrompt).prompt
    assert shot.startswith("an amber bottle") and shot != "an amber bottle"
    assert ask(PromptEngineerRequest(prompt="an amber bottle"), ImagePrompt).prompt
    sheet = ask(FactReaderRequest(brief_text=BRIEF.prompt), BriefFactSheet)
    assert any("20% off" in offer for offer in sheet.offers)
    assert answered == set(TEXT_REQUESTS)


def test_the_offline_vision_inpaint_and_speech_adapters_answer_their_requests(tmp_path: Path) -> None:
    image, mask = tmp_path / "in.png", tmp_path / "mask.png"
    Image.new("RGB", (64, 64), (200, 40, 40)).save(image)
    hole = Image.new("L", (64, 64), 0)
    hole.paste(255, (24, 24, 40, 40))
    hole.save(mask)

    analysis = PixelAnalyst().analyze(VisionRequest(image_path=image, kind="product", hint="Glow"))
    assert isinstance(analysis, ReferenceAnalysis) and analysis.colors
    filled = OpenCVInpainter().inpaint(InpaintRequest(image=image, mask=mask, prompt="", seed=4))
    assert filled.png.startswith(b"\x89PNG") and filled.seed == 4

    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed: the offline voice cannot speak")
    out = tmp_path / "voice.wav"
    seconds = EspeakSpeech().synthesize(SpeechRequest(text="Glow, twenty percent off.", out_path=out))
    with wave.open(str(out)) as w:
        assert seconds == pytest.approx(w.getnframes() / w.getframerate(), abs=0.05) and seconds > 0.5
