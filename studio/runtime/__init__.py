"""How work runs in the background: the job runner (`jobs.py`), crash recovery by heartbeat
(`recovery.py`) and handing freed memory back (`memory.py`). What the workers run is
`studio/pipeline/tasks.py`, beside the stages it calls."""
