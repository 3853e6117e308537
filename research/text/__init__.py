"""Text into spans: chunking for the index, sentence and structural-unit splitting."""
from research.text.chunking import (CHUNKING_VERSION, approximate_tokens, chunk_document, chunking_settings,
                                    sentence_spans, structural_units)
from research.text.context import CONTEXT_VERSION, context_header, embedded_text, keyword_heading
from research.text.headings import body_start, is_caption, is_heading

__all__ = ["CHUNKING_VERSION", "CONTEXT_VERSION", "approximate_tokens", "body_start", "chunk_document",
           "chunking_settings", "context_header", "embedded_text", "is_caption", "is_heading", "keyword_heading",
           "sentence_spans", "structural_units"]
