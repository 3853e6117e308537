"""The worked notebooks run end to end against a small prepared library
(RESEARCH_HOME), with no error cell and the output a reader expects."""
from __future__ import annotations

import os
import shutil

import pytest

from support.paths import NOTEBOOKS

pytestmark = pytest.mark.slow  # runs notebooks in a kernel on a built index

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")


@pytest.fixture(scope="module")
def notebook_env(small_library, model_cache, tmp_path_factory):
    """Environment for the kernel: a private copy of the built small library."""
    home = tmp_path_factory.mktemp("nbhome") / "home"
    shutil.copytree(small_library.home, home)
    env = {"RESEARCH_HOME": str(home), "RESEARCH_CORPORA": str(small_library.corpora_dir),
           "RESEARCH_MODEL_CACHE": str(model_cache), "HF_HUB_OFFLINE": "1",
           "HF_HUB_DISABLE_TELEMETRY": "1", "MPLBACKEND": "Agg"}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)  # the kernel inherits the environment of this process
    yield env
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _run(name: str, workdir):
    copy = workdir / name
    shutil.copy(NOTEBOOKS / name, copy)
    notebook = nbformat.read(copy, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(workdir)}})
    client.execute()
    return notebook


def _outputs(notebook) -> tuple[str, list[str]]:
    text, errors = [], []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                errors.append(f"{output.ename}: {output.evalue}")
            elif output.output_type == "stream":
                text.append(output.text)
            elif "text/plain" in output.get("data", {}):
                text.append(output.data["text/plain"])
    return "".join(text), errors


@pytest.mark.parametrize("name, expected", [
    ("01_research_question.ipynb",
     ["search mode: hybrid", "9 U.S.C. § 10", "self-check: {'verified':", "'invalid': 0}", "verified  "]),
    ("02_audit_briefs.ipynb",
     ["complete: True", "check_page_inside_other_case.txt", "INVALID", "TOTAL", "D.G. v. K.S."]),
])
def test_notebook_runs_clean(name, expected, notebook_env, tmp_path):
    text, errors = _outputs(_run(name, tmp_path))
    assert errors == []
    missing = [snippet for snippet in expected if snippet not in text]
    assert missing == [], text[-3000:]
    assert "MISMATCH" not in text


@pytest.mark.parametrize("name", ["01_research_question.ipynb", "02_audit_briefs.ipynb"])
def test_notebook_outputs_are_cleared_in_git(name):
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)
