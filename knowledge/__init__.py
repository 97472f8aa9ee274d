"""The knowledge base: a markdown corpus for barbershop owners plus each shop's own documents, with hybrid search.

Importing this package is cheap: LanceDB and sentence-transformers load on first use.
"""
from .base import KnowledgeBase
from .models import BuildReport, DocumentInfo, KnowledgeNotReady, Passage

__all__ = ['BuildReport', 'DocumentInfo', 'KnowledgeBase', 'KnowledgeNotReady', 'Passage']
