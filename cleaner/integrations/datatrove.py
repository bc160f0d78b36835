"""A datatrove step that cleans each document (``pip install cleaner[datatrove]``).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerFormatter

    LocalPipelineExecutor([JsonlReader("in/"), CleanerFormatter(), JsonlWriter("out/")],
                          tasks=8, workers=8).run()

The step pickles without its lexicons (they load in each task, on first use), so
it runs under any datatrove executor: local, Slurm or Ray.
"""
from __future__ import annotations

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.utils.typeshelper import StatHints

from ..config import Config
from ..pipeline import Cleaner


class CleanerFormatter(BaseFormatter):
    """Cleans ``doc.text`` and stores what cleaning found in ``doc.metadata[key]``:
    ``edits`` (the edit log, one dict per edit, offsets in the original text),
    ``metadata`` (e.g. a date glued before the headline) and ``language``.

    config / options: the cleaner's configuration, as for ``Cleaner``.
    key: the metadata field; None to store nothing.
    """

    name = "🧽 cleaner"

    def __init__(self, config: Config | None = None, key: str | None = "cleaner", **options):
        super().__init__()
        self.cleaner = Cleaner(config, **options)
        self.key = key

    def format(self, text: str) -> str:
        return self.cleaner.run(text).text

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                result = self.cleaner.run(doc.text)
            if result.applied:
                self.stat_update("changed")
            self.stat_update("edits_applied", value=len(result.applied))
            doc.text = result.text
            if self.key:
                doc.metadata[self.key] = {"edits": [e.to_dict() for e in result.edits],
                                          "metadata": result.metadata, "language": result.language}
            yield doc
