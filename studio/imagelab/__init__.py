"""The image lab: variations of one prompt, scored, ranked and written out with a trace.

`lab.py` makes and ranks the set; `report.py` reads a finished set back and explains its ranking, for the
command line and the page alike.
"""

from studio.imagelab.lab import (
    ASPECT_SIZES,
    MAX_VARIATIONS,
    ImageCandidate,
    ImageLabResult,
    LabJob,
    check_request,
    dated_folder,
    resolve_output_root,
    run_image_lab,
)

__all__ = [
    "ASPECT_SIZES",
    "MAX_VARIATIONS",
    "ImageCandidate",
    "ImageLabResult",
    "LabJob",
    "check_request",
    "dated_folder",
    "resolve_output_root",
    "run_image_lab",
]
