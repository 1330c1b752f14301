"""rag: offline, cited question answering over Indonesian news articles."""

__version__ = "0.1.0"
