"""What a person can do to a generation, one small module per kind of action, each a plain function over
an `ActionContext` (base.py):

- create.py: a new generation, or a re-export of one at another aspect ratio;
- control.py: drive it on, stop it, resume it, render a failed clip again;
- approve.py: approve what waits at a stop, and carry on;
- story.py: refine, regenerate, edit or rewrite a scene;
- pictures.py: the references and the storyboard (repaint, replace, redraw, chat about the pictures);
- picture_edits.py: the image editor (a brushed mask repainted, kept or undone);
- versions.py: a finished ad (the sound and end card re-assembled, other changes planned for a yes);
- imagelab.py: the image lab.

An action that calls a provider runs on the job runner (job.py). What a chat message asks for is
mapped to one of these by the dispatcher (studio/service/dispatch.py).
"""
