"""Text into spans: chunking for the index, sentence and structural-unit splitting."""
from research.text.chunking import (CHUNKING_VERSION, approximate_tokens, chunk_document, chunking_settings,
                                    sentence_spans, structural_units)

__all__ = ["CHUNKING_VERSION", "approximate_tokens", "chunk_document", "chunking_settings",
           "sentence_spans", "structural_units"]
