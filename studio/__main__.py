"""`python -m studio`: see studio/cli/__init__.py."""

import gc
import sys

from studio.cli import main

code = main()
# The interpreter's final garbage collection walks every object the imports made (SQLAlchemy, pydantic,
# OpenCV...): ~0.7 s between the last stage and the exit, to free memory the OS takes back anyway.
# Frozen objects are left out of it. Threads still at work finish as before (Python joins them first),
# and the store's connections were closed in main().
gc.freeze()
sys.exit(code)
