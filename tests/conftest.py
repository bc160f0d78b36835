import os
from pathlib import Path

import pytest
from hypothesis import settings

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()


# CI runs a fixed sequence of examples, so that a submission's result does not depend on luck;
# local runs explore new random examples each time.
# No deadline: a test's first example may load the lexicons, and timings move with the machine's load.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", settings.get_profile("dev"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session", autouse=True)
def table_cache(tmp_path_factory):
    """The tests keep cleaner's tables (cleaner.cache) in a folder of their own, empty at the start."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLEANER_CACHE_DIR", str(folder))
        yield folder
