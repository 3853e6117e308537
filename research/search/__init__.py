"""Dense index (FAISS through llama-index), keyword search, fusion, query citations, Ray encoding."""
from research.search.index import (DenseIndex, IndexPlan, build_index, configure_llama_index, embed_chunks,
                                   ensure_chunks, load_index, make_faiss_index, plan_for, read_manifest,
                                   staleness)
from research.search.querycite import QueryCitation, find_query_citations
from research.search.ray_encode import RayEncoder, ray_encoder
from research.search.retrieve import Searcher, chunk_at, chunk_for_pin, pin_for, reciprocal_rank_fusion

__all__ = ["DenseIndex", "IndexPlan", "QueryCitation", "RayEncoder", "Searcher", "build_index", "chunk_at",
           "chunk_for_pin", "configure_llama_index", "embed_chunks", "ensure_chunks", "find_query_citations",
           "load_index", "make_faiss_index", "pin_for", "plan_for", "ray_encoder", "read_manifest",
           "reciprocal_rank_fusion", "staleness"]
