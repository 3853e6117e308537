"""A scripted stand-in LLM for the memo tests, and the fabrications it writes."""
from __future__ import annotations

from typing import Any

from llama_index.core.llms import CompletionResponse, CompletionResponseGen, CustomLLM, LLMMetadata
from llama_index.core.llms.callbacks import llm_completion_callback


class ScriptedLLM(CustomLLM):
    """Answers every prompt with the same scripted text, and remembers the prompts."""

    script: str = ""
    prompts: list = []

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(model_name="scripted-stand-in", is_chat_model=False)

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        self.prompts.append(prompt)
        return CompletionResponse(text=self.script)

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        yield CompletionResponse(text=self.script, delta=self.script)


# Fair-use prose: one honest sentence, then fabrications of every kind.
KEPT = ("Under 17 U.S.C. \u00a7 107, a court weighs \u201cthe nature of the copyrighted work\u201d "
        "among the other listed factors.")
FABRICATIONS = {
    "fabricated quotation": ("The statute also says that \u201cevery classroom copy is automatically a fair use\u201d "
                             "without more."),
    "fabricated case citation": "See Smith v. Jones, 123 F.3d 456, 460 (2d Cir. 1999) (teaching is always fair).",
    "nonexistent statute section": "Congress codified this in 17 U.S.C. \u00a7 9999.",
    "real authority not retrieved": "A civil rights claim may also lie under 42 U.S.C. \u00a7 1983.",
    "invented case name": "In Miller v. Acme Publishing the court agreed.",
    "misquotation of a real case": ("The New York court held that \u201coptions to renew leases are always void\u201d. "
                                    "Bleecker St. Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272, 278 (2011)."),
}
SCRIPT = KEPT + " " + " ".join(FABRICATIONS.values())
