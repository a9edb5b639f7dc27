"""How work runs in the background: the job runner (`jobs.py`), the functions its workers run
(`tasks.py`), crash recovery by heartbeat (`recovery.py`) and handing freed memory back (`memory.py`)."""
