"""Steps for existing data pipelines: datatrove (``cleaner[datatrove]``) and
Hugging Face datasets (``cleaner[datasets]``)."""
