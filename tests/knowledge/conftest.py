"""One corpus index per test session (embedding it is the slow part); tests that change things work on copies."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault('HF_HUB_OFFLINE', '1')
os.environ.setdefault('LANCEDB_LOG', 'error')

from knowledge import KnowledgeBase  # noqa: E402
from knowledge.corpus import CORPUS_DIR  # noqa: E402
from knowledge.embedding import Embedder  # noqa: E402


@pytest.fixture(scope='session')
def embedder() -> Embedder:
    """The model loads once for the whole session."""
    return Embedder()


@pytest.fixture(scope='session')
def built(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> tuple[KnowledgeBase, Path]:
    folder = tmp_path_factory.mktemp('knowledge-index')
    kb = KnowledgeBase(folder, embedder=embedder)
    kb.build()
    return kb, folder


@pytest.fixture(scope='session')
def kb(built: tuple[KnowledgeBase, Path]) -> KnowledgeBase:
    """The shared, read-only index of the packaged corpus. Do not add or remove documents here."""
    return built[0]


@pytest.fixture
def kb_copy(built: tuple[KnowledgeBase, Path], tmp_path: Path, embedder: Embedder) -> KnowledgeBase:
    """A private copy of the built index and of the corpus folder, free to edit; builds on it are incremental."""
    shutil.copytree(built[1], tmp_path / 'index')
    shutil.copytree(CORPUS_DIR, tmp_path / 'corpus')
    copy = KnowledgeBase(tmp_path / 'index', corpus_dir=tmp_path / 'corpus', embedder=embedder)
    assert copy.open()
    return copy
