"""The factory of stores: which one the settings name."""

from __future__ import annotations

from rag.store import FolderStore, Store


def open_store(settings) -> Store:
    """The store the settings name: the PostgreSQL database at ``index.store`` (RAG_STORE,
    ``--store``) when set, else the index folder ``index_dir`` (the default)."""
    if settings.index.store:
        from rag.postgres_store import PostgresStore

        return PostgresStore(settings)
    return FolderStore(settings.index_dir, settings)
