"""What a person can do to a generation, for the page and the CLI alike.

`Studio` (studio.py) creates, steers and resumes generations; it takes in the actions at the stops
(stops.py: references and storyboard), on a finished ad (versions.py) and on pictures (pictures.py).
"""

from studio.service.studio import Studio

__all__ = ["Studio"]
