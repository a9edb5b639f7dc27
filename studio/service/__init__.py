"""What a person can do to a generation, for the page and the CLI alike.

`Studio` (studio.py) holds what the actions work with and hands each call on: a chat message to the
dispatcher (dispatch.py), every other action to its module in actions/ (create, control, approve,
story, pictures, picture_edits, versions, imagelab).
"""

from studio.service.studio import Studio

__all__ = ["Studio"]
