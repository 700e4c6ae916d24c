"""The monthly batch: every workbook in a folder in, every document out, safely.

    from pipeline.batch.run import run_batch

Only `run_batch` and the small modules it uses live here; nothing prints.
"""
